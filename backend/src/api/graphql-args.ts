// GraphQL passes omitted nullable arguments as null; the operations take optional fields instead.
export function withoutNulls<T extends Record<string, unknown>>(args: T): { [K in keyof T]?: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(args).filter(([, value]) => value !== null && value !== undefined)) as never;
}
