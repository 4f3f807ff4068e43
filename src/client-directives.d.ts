// Types for the site's own client directives (see src/lib/client/first-use-directive.ts).
import type { FirstUseOptions } from './lib/client/first-use-directive.ts';

declare module 'astro' {
  interface AstroClientDirectives {
    'client:firstuse'?: FirstUseOptions;
  }
}
