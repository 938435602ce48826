// A browser form: the word "prompt" as dialogs and UI kits use it, addressed to the person at the screen.
export function renameDialog(el, file) {
  el.prompt = 'Enter a new name for this file and press Save to keep the change';
  el.hidden = false;
  return { file, el };
}

export const deleteDialog = {
  prompt: 'Are you sure you want to delete this file? This cannot be undone.',
  confirmLabel: 'Delete',
};

export function askForPlan(modal) {
  modal.prompt = 'Please choose the plan that fits your team before you continue to checkout';
  return modal;
}
