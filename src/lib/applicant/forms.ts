/**
 * The forms of "Min søknad" (/min-soknad/): each form's one zod schema, shared by the page and its
 * Action (src/actions/applicant.ts), built from the application form's own fields and rules
 * (src/lib/forms/common.ts), so a corrected phone number meets exactly the rule the application
 * did. The database checks again (public.applicant_update_contact). Free of server imports.
 */
import { z } from 'zod/mini';
import { contactSection, contactShape } from '../forms/common.ts';
import type { Field } from '../forms/definition.ts';
import { emailAddress } from '../forms/rules.ts';
import { parseReference } from '../reference.ts';
import { tokenField } from '../links/token.ts';

function contactField(name: string): Field {
  const field = contactSection.fields.find((f) => f.name === name);
  if (!field) throw new Error(`The application form has no field ${name}`);
  return field;
}

/** The hidden field naming which of the holder's applications a form is about. */
export const referenceField = z.string({ error: 'Last inn siden på nytt og prøv igjen' }).check(
  z.refine((value) => parseReference(value)?.reference === value, {
    error: 'Last inn siden på nytt og prøv igjen',
  }),
);

/** Asking for a link: the address the application was sent with. */
export const requestLinkFields: Field[] = [
  { ...contactField('email'), hint: 'Den samme adressen som du skrev i søknaden' },
];
export const requestLinkSchema = z.strictObject({
  email: emailAddress('Skriv inn e-postadressen du søkte med'),
});

/** Opening a session with the link from the e-mail (the button on /min-soknad/inn/<token>). */
export const openSessionSchema = z.strictObject({ token: tokenField });

/** Correcting the contact details: the application form's own fields and rules. */
export const CONTACT_FIELD_NAMES = [
  'phone',
  'callTime',
  'streetAddress',
  'postcode',
  'postalPlace',
] as const;
export const contactFields: Field[] = CONTACT_FIELD_NAMES.map(contactField);
export const contactSchema = z.strictObject({
  reference: referenceField,
  phone: contactShape.phone,
  callTime: contactShape.callTime,
  streetAddress: contactShape.streetAddress,
  postcode: contactShape.postcode,
  postalPlace: contactShape.postalPlace,
});
export type ContactChange = z.output<typeof contactSchema>;

/** The changes as public.applicant_update_contact takes them (column → value). */
export function toContactChanges(data: ContactChange): Record<string, string> {
  return {
    phone: data.phone,
    call_time: data.callTime,
    street_address: data.streetAddress,
    postcode: data.postcode,
    postal_place: data.postalPlace,
  };
}

/** The database's column → the form's field, for its refusals. */
export const CONTACT_COLUMNS: Record<string, string> = {
  phone: 'phone',
  call_time: 'callTime',
  street_address: 'streetAddress',
  postcode: 'postcode',
  postal_place: 'postalPlace',
  email: 'email',
};

/** A new e-mail address, confirmed at that address before it is used. */
export const emailChangeFields: Field[] = [
  {
    ...contactField('email'),
    label: 'Ny e-postadresse',
    hint: 'Vi sender en lenke dit som du må åpne',
  },
];
export const emailChangeSchema = z.strictObject({
  reference: referenceField,
  email: emailAddress('Skriv inn den nye e-postadressen'),
});

/** Withdrawing, asking for erasure: the reference only (the button says what it means). */
export const referenceOnlySchema = z.strictObject({ reference: referenceField });
