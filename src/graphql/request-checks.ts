// Checks a request passes before any executor runs it, each refusal coded for the client:
// variables coerced as graphql-js does, and introspection, which a public server in production
// does not answer unless told to.
import { getVariableValues } from '@graphql-tools/executor';
import { getOperationAST, GraphQLError, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * The errors graphql-js finds coercing `variables` for the operation to run (a wrong type, a value
 * outside an enum, a required variable missing), as BAD_USER_INPUT with graphql-js's own message;
 * undefined when the variables are good or there is no single operation to check them against.
 * Checked here because graphql-jit reports a bad variable in its own words and without a code, and
 * graphql-js's errors carry no code either, so both were masked as internal. The coercion is
 * @graphql-tools/executor's (yoga's executor, a port of graphql-js's): the same messages as the
 * interpreter, and the same copy of graphql as the schema, whose types are checked with instanceof
 * (under vitest, src/ may load graphql's .mjs twin).
 */
export function variableErrors(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined): GraphQLError[] | undefined {
  const operation = getOperationAST(document, operationName);
  if (!operation?.variableDefinitions?.length) return undefined;
  const coerced = getVariableValues(schema, operation.variableDefinitions, variables ?? {}, { maxErrors: 20 });
  if (!('errors' in coerced) || !coerced.errors) return undefined;
  return coerced.errors.map((error) => new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } }));
}

/** Refuses a request whose variables do not fit its operation before graphql-jit or graphql-js executes it. */
export function useVariableCheck(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const errors = variableErrors(args.schema, args.document, args.operationName, args.variableValues as Record<string, unknown> | undefined);
      if (errors) setResultAndStopExecution({ errors });
    },
  };
}

/** `__schema` and `__type` refused (INTROSPECTION_DISABLED); `__typename` stays: clients need it. */
export const noIntrospectionRule: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value !== '__schema' && node.name.value !== '__type') return;
    context.reportError(
      new GraphQLError('introspection is off on this server: use the published schema.graphql (operators: CGRAPH_INTROSPECTION=on turns it on)', {
        nodes: node,
        extensions: { code: 'INTROSPECTION_DISABLED', http: { status: 400 } },
      }),
    );
  },
});
