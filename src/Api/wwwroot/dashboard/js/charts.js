// Inline SVG charts: no library, no build step.
import { fmtNumber, h, svg } from './dom.js';

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

/**
 * Grouped bars: one group per metric, one bar per version. Each metric is scaled to its own
 * maximum, because metrics live on different scales (rmse ≈ 1, ndcg ≈ 0.1).
 */
export function barChart(metrics, versions, { width = 640, id } = {}) {
  const names = Object.keys(metrics);
  const groupWidth = Math.max(60, versions.length * 18 + 24);
  const pad = { left: 10, top: 24, bottom: 48 };
  const height = 220;
  const plot = height - pad.top - pad.bottom;
  const chartWidth = Math.max(width, pad.left * 2 + names.length * groupWidth);
  const chart = svg('svg', { viewBox: `0 0 ${chartWidth} ${height}`, class: 'chart bar-chart', role: 'img', 'aria-label': 'metrics by version', id });
  versions.forEach((v, i) => chart.append(
    svg('rect', { x: pad.left + i * 110, y: 4, width: 10, height: 10, fill: colour(i) }),
    svg('text', { x: pad.left + i * 110 + 14, y: 13, class: 'tick' }, v)));
  names.forEach((metric, g) => {
    const values = versions.map(v => metrics[metric][v]);
    const max = Math.max(...values.filter(x => typeof x === 'number').map(Math.abs), 0);
    const gx = pad.left + g * groupWidth;
    values.forEach((value, i) => {
      if (typeof value !== 'number') return;
      const barHeight = max === 0 ? 0 : (Math.abs(value) / max) * plot;
      chart.append(svg('rect', {
        x: gx + 12 + i * 18, y: pad.top + plot - barHeight, width: 14, height: barHeight, fill: colour(i), class: 'bar',
        dataset: { metric, version: versions[i] },
      }, svg('title', {}, `${metric} ${versions[i]}: ${fmtNumber(value)}`)));
    });
    chart.append(svg('text', { x: gx + groupWidth / 2, y: height - pad.bottom + 16, 'text-anchor': 'middle', class: 'tick' }, metric));
  });
  return h('div', { class: 'chart-scroll' }, chart);
}
