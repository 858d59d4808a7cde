// What a metric means: its group (quality, timing, count), which way is better, and which few to show first.
import { fmtNumber } from './dom.js';

// Order matters: a count or timing name may contain a quality word (users_evaluated, validated_samples).
const RULES = [
  [/(^|_)(seconds|secs|duration|time)$|_seconds$|_ms$/i, 'timing', 'lower'],
  [/(rows|samples|users|items|evaluated|count|steps|epochs|size|parameters|iterations)$|^(n_|num_)/i, 'count', null],
  [/(rmse|mae|mse|loss|error|perplexity)/i, 'quality', 'lower'],
  [/(precision|recall|ndcg|map|coverage|rouge|f1|accuracy|auc|mrr|hit|bleu)/i, 'quality', 'higher'],
];

/** { group: 'quality' | 'timing' | 'count', direction: 'higher' | 'lower' | null } */
export function describe(name) {
  for (const [pattern, group, direction] of RULES) if (pattern.test(name)) return { group, direction };
  // Unknown metrics are shown with the quality ones, but nothing is called best without knowing the direction.
  return { group: 'quality', direction: null };
}

export const GROUPS = [['quality', 'Quality'], ['timing', 'Timings'], ['count', 'Counts']];

/** Metric names split by group, each group in a stable order (headline ones first). */
export function grouped(names) {
  const byGroup = { quality: [], timing: [], count: [] };
  for (const name of names) byGroup[describe(name).group].push(name);
  for (const list of Object.values(byGroup)) list.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return byGroup;
}

const HEADLINE = [/^ndcg@/, /^precision@/, /^recall@/, /^rmse$/, /^rouge1$/, /^rouge2$/, /^rougeL$/, /^validation_loss$/, /^f1_score$/, /^map@/];
const rank = name => { const i = HEADLINE.findIndex(p => p.test(name)); return i < 0 ? HEADLINE.length : i; };

/** The 3–4 metrics a version of this model is judged by, among those it has. */
export function headline(names, count = 4) {
  return grouped([...new Set(names)]).quality.filter(n => rank(n) < HEADLINE.length).slice(0, count);
}

/**
 * The index of the one best value, or -1: with fewer than two values, no direction, or a tie for
 * first place, nothing is highlighted.
 */
export function bestIndex(name, values) {
  const { direction } = describe(name);
  const numbers = values.map((v, i) => [v, i]).filter(([v]) => typeof v === 'number' && Number.isFinite(v));
  if (!direction || numbers.length < 2) return -1;
  const best = direction === 'lower' ? Math.min(...numbers.map(([v]) => v)) : Math.max(...numbers.map(([v]) => v));
  const winners = numbers.filter(([v]) => v === best);
  return winners.length === 1 ? winners[0][1] : -1;
}

export const arrow = name => ({ higher: '↑', lower: '↓' })[describe(name).direction] ?? '';

/** Seconds as people read them: "0.4 s" under ten seconds, then "2m 5s" and so on. */
export function fmtSeconds(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–';
  if (seconds < 10) return `${fmtNumber(Number(seconds.toFixed(seconds < 1 ? 2 : 1)))} s`;
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
}

/** A metric's value: timings in seconds, the rest as numbers. */
export const fmtMetric = (name, value) => (describe(name).group === 'timing' && typeof value === 'number' ? fmtSeconds(value) : fmtNumber(value));
