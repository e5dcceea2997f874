/**
 * Domain errors carry a stable machine code and a message for people (Chinese).
 * They are plain errors so domain code stays free of GraphQL; the server maps them to extensions.code.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const unauthenticated = (message = '请先登录') => new DomainError('UNAUTHENTICATED', message);
export const forbidden = (message = '无权执行此操作') => new DomainError('FORBIDDEN', message);
export const notFound = (what: string, id: string) => new DomainError('NOT_FOUND', `未找到${what}：${id}`, { id });
export const badInput = (code: string, message: string, field?: string) =>
  new DomainError(code, message, field ? { field } : {});

/** Collects validation failures so one request reports every bad field at once. */
export class ValidationErrors {
  private readonly errors: { code: string; message: string; field: string }[] = [];

  add(code: string, field: string, message: string): void {
    this.errors.push({ code, field, message });
  }

  get isEmpty(): boolean {
    return this.errors.length === 0;
  }

  throwIfAny(): void {
    if (this.errors.length === 0) return;
    const [first] = this.errors;
    throw new DomainError(first.code, this.errors.map((e) => e.message).join('；'), {
      field: first.field,
      errors: this.errors,
    });
  }
}
