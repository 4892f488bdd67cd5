// Scalars every GraphQL module may use.
import { GraphQLScalarType, Kind } from 'graphql';
import { ApiError } from './api-error.ts';
import type { ApiModule } from './route.ts';

const WEI = /^(0|[1-9][0-9]{0,77})$/;

/** Wei as a decimal string: output as stored; input only as a string of digits (never a float). A value
 *  it refuses is the caller's mistake, so an ApiError (400 INVALID_ARGUMENT), never masked as INTERNAL. */
const invalidWei = () => new ApiError(400, 'INVALID_ARGUMENT', 'Wei must be a decimal integer string (up to 78 digits, no sign, no exponent)');

export const weiScalar = new GraphQLScalarType({
  name: 'Wei',
  serialize: (value) => String(value),
  parseValue: (value) => {
    if (typeof value !== 'string' || !WEI.test(value)) throw invalidWei();
    return value;
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING || !WEI.test(ast.value)) throw invalidWei();
    return ast.value;
  },
});

export const scalarsModule: ApiModule = {
  name: 'scalars',
  typeDefs: /* GraphQL */ `
    "An integer amount of wei (CR8's smallest unit) as a decimal string: exact for any uint256."
    scalar Wei
    "Arbitrary JSON."
    scalar JSON
  `,
  resolvers: {
    Wei: weiScalar,
    JSON: new GraphQLScalarType({ name: 'JSON', serialize: (value) => value, parseValue: (value) => value }),
  },
};
