/** An error the user can fix (bad setting, missing model or token): shown as its message, without a stack. */
export class FriendlyError extends Error {
  override name = 'FriendlyError';
}
