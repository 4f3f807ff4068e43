// The one function used from js-yaml (installed with astro, which parses content YAML with it).
declare module 'js-yaml' {
  export function load(source: string): unknown;
}
