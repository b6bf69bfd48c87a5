// What the page says when "Not applicable" needs a reason, for the item
// form (itemform.js) and the checklist's question (reasonask.js); kept apart
// from checklist-text.js, which every page loads, as only these need it.

import { itemName } from './checklist-text.js';

/** What a screen reader hears when "Not applicable" needs a reason first. */
export const askReason = (it) => `Say why ${itemName(it)} does not apply to you. It is saved as not applicable once you give a reason.`;

/** What the page says when "Not applicable" is saved with no reason given. */
export const reasonNeeded = 'Give a short reason why this item does not apply, or choose another status. Nothing has been saved.';
