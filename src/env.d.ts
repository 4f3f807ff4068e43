// What the middleware (src/middleware.ts) hands to workspace pages and Actions.
declare namespace App {
  interface Locals {
    /** Set on /koordinator/ requests: the coordinator's client and who they are. */
    workspace?: {
      client: import('./lib/server/auth/session.ts').SessionClient;
      access: import('./lib/server/auth/access.ts').Access;
    };
  }
}
