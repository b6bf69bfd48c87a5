// The question a task row asks when its quick control is set to "Not
// applicable": why the item does not apply. A widget of the page with no
// state of its own: checklist.js loads it the first time it is needed, and
// saves what it is given.

import { askReason, reasonNeeded } from './reason-text.js';
import { $, announce, el } from './dom.js';

/**
 * Asks in row, under its controls, and moves the focus to the answer.
 * @param {Element} row the task row
 * @param {object} o
 * @param {object} o.it the item
 * @param {string} o.reason the reason saved before, if any, to start from
 * @param {(reason: string) => boolean} o.save saves the status with the reason; false when it could not
 * @param {() => void} o.done called once the question is gone, saved or not
 * @returns {() => void} takes the question away without saving
 */
export function ask(row, { it, reason, save, done }) {
  const id = it.id;
  const quick = $('[data-rk-quick]', row);
  const input = el('input', { type: 'text', id: `rk-ask-${id}`, maxLength: 500, autocomplete: 'off', value: reason });
  const problem = el('p', { className: 'rk-problems', id: `rk-ask-problem-${id}`, hidden: true, textContent: reasonNeeded });
  const close = (back) => {
    box.remove();
    done();
    if (back) quick.focus();
  };
  const ok = () => {
    if (!input.value.trim()) {
      problem.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', problem.id);
      announce(reasonNeeded);
      input.focus();
    } else if (save(input.value)) close(true);
  };
  const button = (text, className, fn) => {
    const b = el('button', { type: 'button', className, textContent: text });
    b.addEventListener('click', fn);
    return b;
  };
  const box = el('div', { className: 'task__ask' },
    el('p', { className: 'rk-field' }, el('label', { htmlFor: input.id, textContent: 'Why does this item not apply to you?' }), input),
    problem,
    el('p', { className: 'rk-buttons' }, button('Save as not applicable', 'rk-button', ok), button('Cancel', 'rk-button rk-button--secondary', () => close(true))));
  input.addEventListener('keydown', (e) => {
    if (e.key == 'Enter') ok();
    else if (e.key == 'Escape') close(true);
  });
  row.append(box);
  input.focus();
  announce(askReason(it));
  return () => close(false);
}
