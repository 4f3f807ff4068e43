// The resolve hook of production-deps.ts (module hooks run in their own thread, from plain JS).
let devOnly = [];

export function initialize(data) {
  devOnly = data.devOnly;
}

export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  const file = result.url.startsWith('file://')
    ? decodeURIComponent(new URL(result.url).pathname)
    : '';
  const hit = devOnly.find((dir) => file.startsWith(dir));
  if (hit) throw new Error(`production install: ${specifier} is a dev dependency`);
  return result;
}
