import { GraphQLError } from 'graphql';
import { DomainError, formatError, toGraphQLError } from '../src';

const resolverError = (original: Error) =>
  new GraphQLError(original.message, {
    originalError: original,
    path: ['station'],
  });

it('keeps a domain error’s stable code, details and Chinese message', () => {
  const err = new DomainError('INVALID_PHONE', '负责人电话格式不正确', {
    field: 'leader.phone',
  });
  const formatted = formatError(true)(
    {
      message: err.message,
      path: ['createStation'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    },
    resolverError(err),
  );
  expect(formatted).toEqual({
    message: '负责人电话格式不正确',
    path: ['createStation'],
    locations: undefined,
    extensions: { code: 'INVALID_PHONE', field: 'leader.phone' },
  });
});

it('masks unexpected errors in production and only there', () => {
  const leak = new Error('relation "stations" does not exist at character 15');
  const formatted = {
    message: leak.message,
    path: ['station'],
    extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at …'] },
  };
  expect(formatError(true)(formatted, resolverError(leak))).toEqual({
    message: '服务器内部错误',
    path: ['station'],
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
  expect(formatError(false)(formatted, resolverError(leak)).message).toBe(leak.message);
});

it('turns an authentication failure outside resolvers into a 401 GraphQL error', () => {
  const err = toGraphQLError(new DomainError('UNAUTHENTICATED', '登录凭证无效')) as GraphQLError;
  expect(err).toBeInstanceOf(GraphQLError);
  expect(err.extensions).toMatchObject({
    code: 'UNAUTHENTICATED',
    http: { status: 401 },
  });
});
