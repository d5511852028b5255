/**
 * The sample case's keys. They are public on purpose: the sample case is fictional and ships
 * with the app, and these keys only make it an ordinary bundle (age-encrypted, Ed25519-signed)
 * that goes through the normal import path. Never use them for real cases.
 */

/** The age identity the sample bundle is encrypted to (its recipient is `SAMPLE_AGE_RECIPIENT`). */
export const SAMPLE_AGE_IDENTITY =
  'AGE-SECRET-KEY-1ZALW2ZL57UYUV63UEZ7896MDZ4TKC4MRMEA90LHHLAT3RZ94AULS4XYJQP';

export const SAMPLE_AGE_RECIPIENT =
  'age1dqf5el884trp7amw9mlf5z46a0wx32tk56x29k50sdscf4g6gf5qr0jntp';

/** Ed25519 seed (hex) that signs the sample bundle: only the generator uses it. */
export const SAMPLE_SIGNING_SEED_HEX =
  '50b0da6a4225ced5ea6a4381ebcaa6d244600284781720ce8ebeca91636481aa';

/** The names the manifest shows for the recipient and the signer. */
export const SAMPLE_RECIPIENT_NAME = 'Casefile sample case (public key)';
export const SAMPLE_SIGNER_NAME = 'Casefile sample case';

/** The sample case's id: fixed, so opening it twice finds the first copy. */
export const SAMPLE_CASE_ID = '5a3f1e00-0000-4000-8000-000000000001';

/** The bundle's file name (the audit log's `bundle.imported` subject). */
export const SAMPLE_BUNDLE_FILE_NAME = 'sample.casefile';
