// View tabs (WAI-ARIA tabs with automatic activation), shared by the page and every widget: a
// click or ←/→ (wrapping) chooses a view, focus follows the chosen tab, and only the selected tab
// is in the Tab order.

/**
 * Wires the tabs inside `tablist` (each a [role=tab] with data-view, found when the event
 * happens, so the list may be rebuilt): `choose(view)` applies the choice.
 */
export function wireTabs(tablist, choose) {
  const tabs = () => [...tablist.querySelectorAll('[role="tab"]')];
  tablist.addEventListener('click', (event) => {
    const tab = event.target.closest('[role="tab"]');
    if (tab) choose(tab.dataset.view);
  });
  tablist.addEventListener('keydown', (event) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    const tab = event.target.closest('[role="tab"]');
    if (!step || !tab) return;
    event.preventDefault();
    const all = tabs();
    const next = all[(all.indexOf(tab) + step + all.length) % all.length];
    choose(next.dataset.view);
    next.focus();
  });
}

/** Marks the tab of `view` selected (and the only one in the Tab order); returns it, or undefined. */
export function selectTab(tablist, view) {
  let selected;
  for (const tab of tablist.querySelectorAll('[role="tab"]')) {
    const on = tab.dataset.view === view;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    if (on) selected = tab;
  }
  return selected;
}
