// What the global test setup provides to every test file.
declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}
export {};
