/**
 * What a client sees of a bad request: a coded 4xx-class error naming the field, never a subgraph URL,
 * a subgraph's raw HTTP answer or a stack trace (outside development).
 *
 * - Input scalars (Date, DateTime) are checked at the gateway with the kit's parser, before any query
 *   plan: variables by the scalar's parseValue (the gateway coerces variables itself), literals by
 *   `inputScalarsRule` (which knows the argument / input field path).
 * - A subgraph that still answers 4xx (its own input checks) is mapped to its first error's code and
 *   message by `subgraphHttpError` (forwarding-data-source.ts), not "400: Bad Request" + its URL.
 * - `clientErrorFormatter` lifts the code of an input error out of Apollo's generic
 *   GRAPHQL_VALIDATION_FAILED / BAD_USER_INPUT wrapper and strips what must not leave the gateway.
 */
import {
  getNamedType,
  GraphQLError,
  isScalarType,
  Kind,
  type ASTVisitor,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationContext,
  type ValueNode,
} from 'graphql';
import { parseDateInput, parseDateLiteral, parseDateTimeInput, parseDateTimeLiteral } from '@leifeng/kit';

const INPUT_SCALARS: Record<string, { value: (v: unknown) => unknown; literal: (ast: ValueNode) => unknown }> = {
  Date: { value: parseDateInput, literal: parseDateLiteral },
  DateTime: { value: parseDateTimeInput, literal: parseDateTimeLiteral },
};

/**
 * Gives the supergraph's input scalars the kit's checks (the gateway's API schema has pass-through
 * scalars). Values are checked and forwarded unchanged: the subgraph parses them again.
 */
export function installInputScalars(schema: GraphQLSchema): void {
  for (const [name, parser] of Object.entries(INPUT_SCALARS)) {
    const type = schema.getType(name);
    if (!isScalarType(type)) continue;
    type.parseValue = (value: unknown) => {
      parser.value(value);
      return value;
    };
  }
}

const LEAF_LITERALS = new Set<string>([Kind.STRING, Kind.INT, Kind.FLOAT, Kind.BOOLEAN, Kind.ENUM]);

/** Checks Date / DateTime literals in the document and names the argument or input field. */
export function inputScalarsRule(context: ValidationContext): ASTVisitor {
  const path: string[] = [];
  const push = {
    enter: (node: { name: { value: string } }) => void path.push(node.name.value),
    leave: () => void path.pop(),
  };
  return {
    Argument: push,
    ObjectField: push,
    enter(node) {
      if (!LEAF_LITERALS.has(node.kind)) return;
      const type = getNamedType(context.getInputType());
      const parser = type && INPUT_SCALARS[type.name];
      if (!parser) return;
      try {
        parser.literal(node as ValueNode);
      } catch (err) {
        const field = path.join('.');
        const code = (err as GraphQLError).extensions?.code ?? 'BAD_USER_INPUT';
        context.reportError(
          new GraphQLError(`${field ? `${field}：` : ''}${(err as Error).message}`, {
            nodes: node as ValueNode,
            extensions: { code, ...(field ? { field } : {}) },
          }),
        );
      }
    },
  };
}

/** Apollo wraps input failures under these generic codes; the cause's own code is the stable one. */
const GENERIC_INPUT_CODES = new Set(['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);
const VARIABLE_AT = /^Variable "\$(\w+)" got invalid value .*? at "([^"]+)";/s;
const VARIABLE = /^Variable "\$(\w+)" got invalid value/;

function causeCode(error: unknown): { code: string; message: string; field?: unknown } | undefined {
  const cause = (error as { originalError?: unknown })?.originalError;
  if (!(cause instanceof GraphQLError)) return undefined;
  const code = cause.extensions?.code;
  if (typeof code !== 'string' || GENERIC_INPUT_CODES.has(code)) return undefined;
  return { code, message: cause.message, field: cause.extensions.field };
}

/**
 * A coded input error (INVALID_DATE …) in place of Apollo's generic wrapper, and the field named: a bad
 * variable says where it failed ("input.establishedOn") only in graphql-js's message.
 */
function liftInputError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  const cause = causeCode(error);
  const at = VARIABLE_AT.exec(formatted.message) ?? VARIABLE.exec(formatted.message);
  const lift = !!cause && typeof code === 'string' && GENERIC_INPUT_CODES.has(code);
  if (!lift && !at) return formatted;
  const given = formatted.extensions?.field ?? cause?.field;
  const field = typeof given === 'string' ? given : at ? (at[2] ?? at[1]) : undefined;
  const message =
    cause && at && typeof given !== 'string' ? `${field}：${cause.message}` : lift ? cause!.message : formatted.message;
  return {
    ...formatted,
    message,
    extensions: {
      ...formatted.extensions,
      ...(lift ? { code: cause!.code } : {}),
      ...(field ? { field } : {}),
    },
  };
}

/** Extensions that describe the gateway's insides: never sent (stack traces only in development). */
function scrubInternals(formatted: GraphQLFormattedError, isDevelopment: boolean): GraphQLFormattedError {
  const ext = formatted.extensions;
  if (!ext || (!('response' in ext) && (isDevelopment || !('stacktrace' in ext)))) return formatted;
  const { response: _response, stacktrace, ...rest } = ext;
  return {
    ...formatted,
    extensions: isDevelopment && stacktrace ? { ...rest, stacktrace } : rest,
  };
}

interface SubgraphErrorBody {
  errors?: { message?: unknown; extensions?: Record<string, unknown> }[];
}

/** Only these extensions of a subgraph's 4xx answer reach the client. */
const SAFE_EXTENSIONS = ['field', 'errors', 'id'];

/**
 * A subgraph's non-2xx answer as a client error: its first GraphQL error's code and message (a 4xx is the
 * client's fault), or a plain "unavailable" for anything else. Never its URL or raw body.
 */
export function subgraphHttpError(subgraph: string, status: number, body: unknown): GraphQLError {
  const first = (body as SubgraphErrorBody | undefined)?.errors?.[0];
  if (status >= 400 && status < 500 && first && typeof first.message === 'string') {
    const ext = first.extensions ?? {};
    const code = typeof ext.code === 'string' ? ext.code : status === 401 ? 'UNAUTHENTICATED' : 'BAD_USER_INPUT';
    const at = VARIABLE_AT.exec(first.message);
    const safe = Object.fromEntries(SAFE_EXTENSIONS.filter((k) => k in ext).map((k) => [k, ext[k]]));
    const field = typeof ext.field === 'string' ? ext.field : at?.[2];
    const message = at ? `${at[2]}：${first.message.slice(at[0].length).trim()}` : first.message;
    return new GraphQLError(message, {
      extensions: {
        ...safe,
        code,
        ...(field ? { field } : {}),
        serviceName: subgraph,
      },
    });
  }
  if (status === 401)
    return new GraphQLError('登录凭证无效', {
      extensions: { code: 'UNAUTHENTICATED', serviceName: subgraph },
    });
  return new GraphQLError('服务暂不可用，请稍后重试', {
    extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: subgraph, status },
  });
}

/** The gateway's formatError: limits and masking (`next`), then the input-error lift and the scrub. */
export function clientErrorFormatter(
  isDevelopment: boolean,
  next: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError =>
    scrubInternals(next(liftInputError(formatted, error), error), isDevelopment);
}
