/** The site's content pages and its form pages, for the journeys that visit them all. */
export interface SitePage {
  path: string;
  /** Content pages load no JavaScript at all; the meetings page may hold one inline script. */
  inlineScriptAllowed?: boolean;
  /** Subpages show breadcrumbs. */
  subpage: boolean;
}

export const contentPages: SitePage[] = [
  { path: '/', subpage: false },
  { path: '/fosterhjem/', subpage: true },
  { path: '/fosterhjem/oppfolging/', subpage: true },
  { path: '/besokshjem/', subpage: true },
  { path: '/tilsynsperson/', subpage: true },
  { path: '/informasjonsmoter/', subpage: true, inlineScriptAllowed: true },
  { path: '/kontakt/', subpage: true },
  { path: '/personvern/', subpage: true },
  { path: '/tilgjengelighet/', subpage: true },
];

/** Role pages, which have a print stylesheet and a call to action. */
export const rolePages = ['/fosterhjem/', '/besokshjem/', '/tilsynsperson/'];

/** The application forms, linked from the role pages. */
export const formPages = ['/besokshjem/soknad/', '/tilsynsperson/soknad/'];
