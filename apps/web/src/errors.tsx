import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { Alert } from 'antd';

export interface PlatformError {
  message: string;
  code?: string;
  /** Field-level errors (`extensions.errors`: [{ field, message }]). */
  fields: { field: string; message: string }[];
}

/** The platform's Chinese message and code from an Apollo error (or anything thrown). */
export function platformErrors(error: unknown): PlatformError[] {
  if (!error) return [];
  if (CombinedGraphQLErrors.is(error)) {
    return error.errors.map((e) => {
      const ext = (e.extensions ?? {}) as {
        code?: string;
        errors?: { field?: string; path?: string; message: string }[];
      };
      return {
        message: e.message,
        code: ext.code,
        fields: (ext.errors ?? []).map((f) => ({
          field: f.field ?? f.path ?? '',
          message: f.message,
        })),
      };
    });
  }
  const e = error as { message?: string; code?: string };
  const network = /fetch|network/i.test(e.message ?? '');
  return [
    {
      message: network ? '网络连接失败，请检查网络后重试' : (e.message ?? '操作失败'),
      code: e.code,
      fields: [],
    },
  ];
}

export function errorText(error: unknown): string {
  return platformErrors(error)
    .map(
      (e) =>
        `${e.message}${e.fields.length ? `（${e.fields.map((f) => `${f.field}：${f.message}`).join('；')}）` : ''}${e.code ? ` [${e.code}]` : ''}`,
    )
    .join('；');
}

export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={title ?? '出错了'}
      description={errorText(error)}
      style={{ marginBottom: 16 }}
      data-testid="error-alert"
    />
  );
}
