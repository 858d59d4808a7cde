// Words that agree with their numbers: "1 task", "2 tasks", "0 runs".

/** plural(1, 'task') → "1 task"; plural(3, 'child', 'children') → "3 children". */
export function plural(count, one, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}

/** 86400 → "every day", 1200 → "every 20 min", 20 → "every 20 s", 7200 → "every 2 hours". */
export function every(seconds) {
  if (!(seconds > 0)) return '–';
  if (seconds % 60 !== 0) return `every ${seconds} s`;
  const minutes = seconds / 60;
  if (minutes === 1) return 'every minute';
  if (minutes % 60 !== 0) return `every ${minutes} min`;
  for (const [size, unit] of [[10080, 'week'], [1440, 'day'], [60, 'hour']]) {
    if (minutes % size === 0) return minutes === size ? `every ${unit}` : `every ${minutes / size} ${unit}s`;
  }
  return `every ${minutes} min`;
}

/** A run's length: "0.4 s", "12 s", "3 min 5 s", "2 h 4 min". */
export function span(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–';
  if (seconds < 10) return `${Math.max(0, seconds).toFixed(1)} s`;
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** The first line of an error, for a table cell; the whole text goes behind a toggle. */
export function firstLine(text) {
  const line = String(text ?? '').split('\n').map(l => l.trim()).find(Boolean) ?? '';
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}
