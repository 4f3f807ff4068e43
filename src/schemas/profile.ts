import { z } from 'zod';

/** A Norwegian phone number as people write it: eight digits, optionally grouped by spaces. */
const PhoneSchema = z
  .string()
  .regex(
    /^(\+47 ?)?\d{2,3}( ?\d{2,3}){2,3}$/,
    'Telefonnummeret må ha åtte sifre, f.eks. 72 54 22 40',
  );

/** One contact in the service, named by role title only (never a person's name). */
export const ContactSchema = z.strictObject({
  /** Role title, e.g. "Koordinator for besøkshjem". */
  role: z.string().min(3),
  /** What to contact this role about. */
  about: z.string().min(3),
  /** Direct phone for the role, if it has one. */
  phone: PhoneSchema.optional(),
  /** Functional (non-personal) e-mail address for the role, if it has one. */
  email: z.email().optional(),
  /** An example the municipality has not confirmed yet: a production build refuses it. */
  example: z.boolean().optional(),
});

/** The municipality that runs this portal; every page reads contact details from here. */
export const ProfileSchema = z.strictObject({
  /** The municipality's name, e.g. "Steinkjer kommune". */
  municipality: z.string().min(2),
  /** The unit that recruits and follows up, e.g. "Barnevernstjenesten" (the 2021 act's form). */
  unit: z.string().min(2),
  /**
   * The unit's own main phone number (a switchboard or the service's shared line), never one
   * person's mobile. Optional: until the municipality confirms one, pages point to the contact
   * page and the e-mail address instead.
   */
  phone: PhoneSchema.optional(),
  /** Public, functional e-mail address (for questions; never for personal data). */
  email: z.email(),
  /** Where people can visit the unit. */
  visitingAddress: z.strictObject({
    /** Building name, if the address needs one. */
    building: z.string().optional(),
    street: z.string().min(2),
    postalCode: z.string().regex(/^\d{4}$/, 'Postnummeret må ha fire sifre'),
    city: z.string().min(2),
  }),
  /** Coordinators' shared inbox that receives notices about new applications (no answers in them). */
  coordinatorsInbox: z.email(),
  /**
   * Months a declined or withdrawn application is kept after the decision before it is deleted
   * (once journalført). Equal to public.screening_settings.retention_months.
   */
  retentionMonths: z.int().min(1).max(60),
  /**
   * Months an approved application is kept after approval before it is deleted (once
   * journalført). Equal to public.screening_settings.approved_retention_months.
   */
  approvedRetentionMonths: z.int().min(1).max(120),
  /**
   * How many referees the application forms ask for (0 asks none: coordinators then check
   * references by hand and tick the checklist). Equal to public.screening_settings.referees_wanted.
   */
  refereesWanted: z.int().min(0).max(5).default(2),
  /** The municipality's own website, linked from the footer. */
  website: z.url({ protocol: /^https$/ }),
  /** Logo shown in the header: a file in public/ and its text alternative. */
  logo: z.strictObject({
    src: z
      .string()
      .regex(/^\/[\w\-./]+\.(svg|png)$/, 'Logoen må være en fil i public/, f.eks. /logo.svg'),
    alt: z.string().min(2),
    /** The placeholder logo: a production build refuses it until the municipality's own is in. */
    example: z.boolean().optional(),
  }),
  /** Contacts by role title, shown on the contact page. */
  contacts: z.array(ContactSchema).min(1),
  /** What the privacy statement needs from the municipality (GDPR art. 13). */
  privacy: z.strictObject({
    /** How to reach the data protection officer (personvernombud): a functional address. */
    dpoEmail: z.email(),
    /** Who runs the site (the web host, a data processor) and where, in words. */
    siteHost: z.string().min(2),
    /** Where the Supabase project (the database) runs, in words, e.g. "Frankfurt i Tyskland (EU)". */
    databaseLocation: z.string().min(2),
    /** The transfer tool (GDPR chapter V) the municipality relies on for Resend in the USA. */
    emailTransferBasis: z.string().min(2),
  }),
  /** The regional out-of-hours phone for foster parents in an acute crisis. */
  fosterParentHotline: z.strictObject({
    /** Who staffs it, e.g. "Bufetat region Midt-Norge". */
    provider: z.string().min(2),
    phone: PhoneSchema,
    /** When it is staffed, in words. */
    hours: z.string().min(2),
  }),
  /** What this file says that the municipality has not confirmed yet (see content/README.md). */
  unconfirmed: z.array(z.string().min(5)).optional(),
});

export type Profile = z.output<typeof ProfileSchema>;
export type Contact = z.output<typeof ContactSchema>;
