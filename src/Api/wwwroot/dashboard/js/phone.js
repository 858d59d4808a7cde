// On a phone a wide table turns into one card per row (dashboard.css, .phone-cards): each cell says its column.

/** Copies each column's heading onto its cells (data-label) and marks the table for the card layout. */
export function phoneCards(table) {
  const headings = [...table.querySelectorAll('thead th')].map(th => th.textContent);
  for (const row of table.querySelectorAll(':scope > tbody > tr')) {
    [...row.children].forEach((cell, i) => { if (!cell.hasAttribute('colspan') && headings[i]) cell.dataset.label = headings[i]; });
  }
  table.classList.add('phone-cards');
  return table;
}
