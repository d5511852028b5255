import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { decodeSecrets } from '../../core/identity/identity';
import type { Contact, IdentitySecrets, StoredIdentity } from '../../core/identity/types';
import type { KeyringRepository } from '../../core/ports/keyring';
import { openKeyring } from '../../db/keyring';
import { err, ok, type Result } from '../../shared/result';
import { useServices } from '../services';
import { createInlineBundleWorker, type BundleWorker } from './bundleWorker';

export type KeyringState =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly message: string }
  | {
      readonly status: 'ready';
      readonly identity: StoredIdentity | undefined;
      readonly contacts: readonly Contact[];
    };

interface KeyringContextValue {
  readonly keyring: KeyringRepository;
  readonly worker: BundleWorker;
  readonly state: KeyringState;
  /** Re-reads the identity and the address book (after a change). */
  readonly reload: () => void;
  /** The unlocked secrets, kept in memory for this session only; undefined while locked. */
  readonly secrets: IdentitySecrets | undefined;
  /**
   * Unwraps the identity's secrets (the OS keychain, or `passphrase` for a passphrase-protected
   * identity) and keeps them for the session.
   */
  readonly unlock: (passphrase?: string) => Promise<Result<IdentitySecrets>>;
  /** Remembers secrets just created or imported, so the analyst is not asked for them again. */
  readonly remember: (secrets: IdentitySecrets | undefined) => void;
  readonly lock: () => void;
}

const KeyringContext = createContext<KeyringContextValue | null>(null);

/** Where no worker is given (component tests): bundle jobs run on this thread. */
const INLINE_WORKER = createInlineBundleWorker();

/** The default keyring, opened on first use (the app passes the one main.tsx opened). */
function lazyKeyring(): KeyringRepository {
  let opened: Promise<KeyringRepository> | undefined;
  const keyring = () => (opened ??= openKeyring());
  return {
    identity: async () => (await keyring()).identity(),
    saveIdentity: async (identity, replace) => (await keyring()).saveIdentity(identity, replace),
    deleteIdentity: async () => (await keyring()).deleteIdentity(),
    contacts: async () => (await keyring()).contacts(),
    addContact: async (contact, note) => (await keyring()).addContact(contact, note),
    updateContact: async (id, changes) => (await keyring()).updateContact(id, changes),
    removeContact: async (id) => (await keyring()).removeContact(id),
    trustOf: async (fingerprint) => (await keyring()).trustOf(fingerprint),
  };
}

/**
 * The analyst's keyring (its own database, opened beside the case storage) and the session's
 * unlocked secrets. Secrets are unwrapped only when signing or decrypting needs them, then kept
 * in memory until "Lock" or the window closes; they are never written anywhere unwrapped.
 */
export function KeyringProvider({
  keyring: given,
  worker = INLINE_WORKER,
  children,
}: {
  /** The keyring main.tsx opened; without one (component tests) the default opens on first use. */
  readonly keyring?: KeyringRepository;
  readonly worker?: BundleWorker;
  readonly children: ReactNode;
}) {
  const { host } = useServices();
  const [fallback] = useState<KeyringRepository>(() => given ?? lazyKeyring());
  const keyring = given ?? fallback;
  const [state, setState] = useState<KeyringState>({ status: 'loading' });
  const [revision, setRevision] = useState(0);
  const [secrets, setSecrets] = useState<IdentitySecrets | undefined>(undefined);
  const reload = useCallback(() => setRevision((r) => r + 1), []);

  useEffect(() => {
    let live = true;
    Promise.all([keyring.identity(), keyring.contacts()]).then(
      ([identity, contacts]) => {
        if (!live) return;
        setState({ status: 'ready', identity, contacts });
        // Another identity (replaced or deleted): the secrets held belong to the old one.
        if (!identity) setSecrets(undefined);
      },
      (error: unknown) =>
        live &&
        setState({
          status: 'failed',
          message: `The keyring could not be read: ${error instanceof Error ? error.message : String(error)}`,
        }),
    );
    return () => {
      live = false;
    };
  }, [keyring, revision]);

  const unlock = useCallback(
    async (passphrase?: string): Promise<Result<IdentitySecrets>> => {
      if (secrets) return ok(secrets);
      const identity = await keyring.identity();
      if (!identity) {
        return err(
          'keyring.noIdentity',
          'Create or import your identity first (Identity and address book).',
        );
      }
      let unwrapped: Result<IdentitySecrets>;
      if (identity.secrets.kind === 'safeStorage') {
        const plain = await host.secrets.unwrap(identity.secrets.bytes);
        unwrapped = plain.ok ? await decodeSecrets(plain.value) : plain;
      } else {
        if (passphrase === undefined || passphrase === '') {
          return err(
            'keyring.passphraseNeeded',
            'Enter the passphrase that protects your identity.',
          );
        }
        unwrapped = await worker.unwrapSecrets(identity.secrets.bytes.slice(), passphrase);
      }
      if (unwrapped.ok) setSecrets(unwrapped.value);
      return unwrapped;
    },
    [secrets, keyring, host, worker],
  );

  const value = useMemo<KeyringContextValue>(
    () => ({
      keyring,
      worker,
      state,
      reload,
      secrets,
      unlock,
      remember: setSecrets,
      lock: () => setSecrets(undefined),
    }),
    [keyring, worker, state, reload, secrets, unlock],
  );
  return <KeyringContext.Provider value={value}>{children}</KeyringContext.Provider>;
}

export function useKeyring(): KeyringContextValue {
  const value = useContext(KeyringContext);
  if (!value) throw new Error('useKeyring() needs a <KeyringProvider> above it.');
  return value;
}
