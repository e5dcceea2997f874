import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { parseCalendarDate, parseInstant } from './dates';
import { DomainError } from './errors';

/**
 * Runs a kit parser for a scalar input; its DomainError becomes a GraphQLError with the same stable
 * code (graphql-js keeps it when it wraps the error with the variable or argument it came from).
 */
function asInputError<T>(parse: (value: unknown) => T): (value: unknown) => T {
  return (value) => {
    try {
      return parse(value);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      throw new GraphQLError(err.message, {
        extensions: { code: err.code, ...err.details },
      });
    }
  };
}

const literal = (ast: ValueNode) => (ast.kind === Kind.STRING ? ast.value : ast.kind === Kind.NULL ? null : ast.kind);

/** Input checks of the Date and DateTime scalars (the gateway runs the same ones before planning). */
export const parseDateInput = asInputError((v) => parseCalendarDate(v));
export const parseDateTimeInput = asInputError((v) => parseInstant(v));
export const parseDateLiteral = (ast: ValueNode) => parseDateInput(literal(ast));
export const parseDateTimeLiteral = (ast: ValueNode) => parseDateTimeInput(literal(ast));

/** A calendar date (YYYY-MM-DD), meant in Asia/Shanghai. */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  serialize: (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : parseDateInput(v)),
  parseValue: parseDateInput,
  parseLiteral: parseDateLiteral,
});

/** An instant, serialised as ISO 8601 UTC. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  serialize: (v) => (v instanceof Date ? v.toISOString() : parseDateTimeInput(v).toISOString()),
  parseValue: parseDateTimeInput,
  parseLiteral: parseDateTimeLiteral,
});
