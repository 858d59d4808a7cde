// Inline SVG charts: no library, no build step.
import { fmtNumber, svg } from './dom.js';

const PALETTE = ['#2563eb', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#14b8a6', '#ec4899', '#64748b'];
export const colour = i => PALETTE[i % PALETTE.length];

/** A line chart of points [{x, y}] with min/max labels. */
export function lineChart(points, { width = 360, height = 140, label = '', id } = {}) {
  const pad = { left: 44, right: 8, top: 16, bottom: 20 };
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart line-chart', role: 'img', 'aria-label': label, id });
  if (points.length === 0) {
    chart.append(svg('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'muted' }, 'no data yet'));
    return chart;
  }
  const xs = points.map(p => p.x);
  const ys = points.map(p => p.y);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const sx = x => pad.left + (x1 === x0 ? 0.5 : (x - x0) / (x1 - x0)) * (width - pad.left - pad.right);
  const sy = y => height - pad.bottom - (y1 === y0 ? 0.5 : (y - y0) / (y1 - y0)) * (height - pad.top - pad.bottom);
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ');
  chart.append(
    svg('line', { x1: pad.left, y1: height - pad.bottom, x2: width - pad.right, y2: height - pad.bottom, class: 'axis' }),
    svg('line', { x1: pad.left, y1: pad.top, x2: pad.left, y2: height - pad.bottom, class: 'axis' }),
    svg('text', { x: pad.left - 4, y: sy(y1) + 4, 'text-anchor': 'end', class: 'tick' }, fmtNumber(y1, 3)),
    svg('text', { x: pad.left - 4, y: sy(y0) + 4, 'text-anchor': 'end', class: 'tick' }, fmtNumber(y0, 3)),
    svg('text', { x: width - pad.right, y: height - 4, 'text-anchor': 'end', class: 'tick' }, fmtNumber(x1, 3)),
    svg('text', { x: pad.left, y: 11, class: 'tick' }, label),
    svg('path', { d: path, class: 'series', stroke: colour(0) }),
  );
  return chart;
}

/** Round numbers for an axis from 0 to at least max: [0, step, 2·step, …]. */
function ticks(max, wanted = 4) {
  if (!(max > 0)) return [0, 1];
  const raw = max / wanted;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map(m => m * magnitude).find(s => s >= raw);
  const out = [];
  for (let t = 0; t < max - step * 1e-9; t += step) out.push(Number(t.toPrecision(12)));
  out.push(Number((out.length * step).toPrecision(12)));
  return out;
}

/**
 * One metric across versions: a horizontal bar per version on a real axis from 0, each bar labelled
 * with its value; the best one (if any) drawn in green. Drawn at its natural size so text stays 12 px.
 */
export function metricChart(metric, entries, { best = -1, format = fmtNumber, title = metric } = {}) {
  const rowHeight = 26;
  const labelWidth = Math.min(150, Math.max(60, ...entries.map(e => e.label.length * 7 + 8)));
  const width = 320;
  const pad = { top: 22, bottom: 26, right: 76 };
  const height = pad.top + entries.length * rowHeight + pad.bottom;
  const values = entries.map(e => e.value).filter(v => typeof v === 'number' && Number.isFinite(v));
  const axis = ticks(Math.max(0, ...values.map(Math.abs)));
  const top = axis[axis.length - 1];
  const plot = width - labelWidth - pad.right;
  const sx = v => labelWidth + (top === 0 ? 0 : (Math.abs(v) / top) * plot);
  const chart = svg('svg', {
    width, height, viewBox: `0 0 ${width} ${height}`, class: 'chart metric-chart', role: 'img',
    'aria-label': `${title} by version`, dataset: { metric },
  });
  chart.append(svg('text', { x: 0, y: 14, class: 'chart-title' }, title));
  const baseline = pad.top + entries.length * rowHeight;
  for (const t of axis) {
    chart.append(
      svg('line', { x1: sx(t), y1: pad.top, x2: sx(t), y2: baseline, class: t === 0 ? 'axis' : 'grid-line' }),
      svg('text', { x: sx(t), y: baseline + 16, 'text-anchor': 'middle', class: 'tick' }, fmtNumber(t)));
  }
  entries.forEach((e, i) => {
    const y = pad.top + i * rowHeight;
    chart.append(svg('text', { x: labelWidth - 6, y: y + 17, 'text-anchor': 'end', class: 'label' }, e.label));
    if (typeof e.value !== 'number' || !Number.isFinite(e.value)) {
      chart.append(svg('text', { x: labelWidth + 4, y: y + 17, class: 'tick' }, 'no value'));
      return;
    }
    chart.append(
      svg('rect', {
        x: labelWidth, y: y + 5, width: Math.max(1, sx(e.value) - labelWidth), height: rowHeight - 10,
        class: `bar${i === best ? ' best' : ''}`, fill: colour(i), dataset: { version: e.label },
      }, svg('title', {}, `${metric} ${e.label}: ${format(e.value)}`)),
      svg('text', { x: sx(e.value) + 4, y: y + 17, class: `value${i === best ? ' best' : ''}` }, `${format(e.value)}${i === best ? ' ★' : ''}`));
  });
  return chart;
}

/** The loss curve when the trainer reports a loss (seq2seq), otherwise progress over time; '' with too few points. */
export function curveChart(curve, { id } = {}) {
  const points = curve ?? [];
  const losses = points.filter(p => typeof p.loss === 'number');
  if (losses.length > 1) return lineChart(losses.map((p, i) => ({ x: p.step ?? i, y: p.loss })), { label: 'loss by step', id });
  if (points.length > 1) {
    const start = Date.parse(points[0].at);
    return lineChart(points.map(p => ({ x: (Date.parse(p.at) - start) / 1000, y: p.percent })), { label: 'progress % by second', id });
  }
  return '';
}
