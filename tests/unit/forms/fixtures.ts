import type { RawAnswers } from '../../../src/lib/forms/index.ts';

/** A fixed clock at the given instant. */
export const at = (instant: string) => () => new Date(instant);

const common: RawAnswers = {
  fullName: 'Kari Nordmann',
  email: 'kari@example.no',
  phone: '912 34 567',
  callTime: 'formiddag',
  streetAddress: 'Storgata 1',
  postcode: '7010',
  postalPlace: 'Trondheim',
  over18: 'ja',
  motivation: 'Jeg har god tid og liker barn.',
  certificate: 'har',
  certificateIssuedOn: '01.11.2026',
  commitmentMonths: '12',
  heardAbout: 'nettside',
  consent: 'ja',
  submissionId: '3b241101-e2bb-4255-8caf-4136c566a962',
};

export function visitHomeAnswers(overrides: RawAnswers = {}): RawAnswers {
  return {
    ...common,
    applyingWith: 'alene',
    partnerName: '',
    partnerPhone: '',
    partnerEmail: '',
    adults: '2',
    othersInformed: 'ja',
    children: '1',
    childrenAges: '7',
    spareBed: 'ja',
    weekendsPerMonth: '1',
    alsoAvailable: ['ferier'],
    siblings: 'kanskje',
    suitedAges: ['6-12'],
    confirmStable: 'ja',
    confirmCapacity: 'ja',
    confirmLikesChildren: 'ja',
    confirmRoutines: 'ja',
    ...overrides,
  };
}

export function supervisorAnswers(overrides: RawAnswers = {}): RawAnswers {
  return {
    ...common,
    experienceKinds: ['jobb'],
    experienceYears: '5',
    availability: ['kveld'],
    childrenCapacity: '2',
    languages: 'norsk, engelsk',
    confirmContact: 'ja',
    confirmStable: 'ja',
    ...overrides,
  };
}
