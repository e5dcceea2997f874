/** A sign-in or session call the server refused: its Chinese message and stable code. */
export class SignInError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
