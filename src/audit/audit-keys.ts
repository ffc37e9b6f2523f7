import { createHash, createPrivateKey, createPublicKey, randomBytes, sign, verify, type KeyObject } from 'node:crypto';

// The keys that anchor the audit trail outside the database. Each event's
// SHA-256 is signed with Ed25519; the database holds the signatures, never a
// key. A key is written `ed25519:<seed>` (private: signs and verifies) or
// `ed25519-public:<key>` (verifies only: an old key kept after rotation);
// both are base64url. A key's id is the first 16 hex digits of the SHA-256 of
// its public key, so it is the same wherever the key is written down.

export interface AuditKey {
  id: string;
  /** `ed25519-public:…`: what to keep to verify this key's signatures after rotating it away. */
  publicText: string;
  publicKey: KeyObject;
  privateKey: KeyObject | null;
}

export interface AuditKeys {
  /** The key new events are signed with. */
  signing: AuditKey & { privateKey: KeyObject };
  /** Every key whose signatures are accepted, by id (the signing key included). */
  trusted: Map<string, AuditKey>;
}

const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');

export class AuditKeyError extends Error {}

function fromPublic(raw: Buffer, privateKey: KeyObject | null): AuditKey {
  const publicKey = createPublicKey({ key: Buffer.concat([SPKI_ED25519, raw]), format: 'der', type: 'spki' });
  return { id: createHash('sha256').update(raw).digest('hex').slice(0, 16), publicText: `ed25519-public:${raw.toString('base64url')}`, publicKey, privateKey };
}

function decode(text: string, what: string): Buffer {
  const raw = Buffer.from(text, 'base64url');
  if (raw.length !== 32 || raw.toString('base64url') !== text.replace(/=+$/, '')) throw new AuditKeyError(`${what} must be 32 bytes in base64url`);
  return raw;
}

export function parseAuditKey(text: string): AuditKey {
  const [kind, value = ''] = text.trim().split(/:(.*)/s);
  if (kind === 'ed25519') {
    const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, decode(value, 'an ed25519: key')]), format: 'der', type: 'pkcs8' });
    const raw = Buffer.from(createPublicKey(privateKey).export({ format: 'jwk' }).x!, 'base64url');
    return fromPublic(raw, privateKey);
  }
  if (kind === 'ed25519-public') return fromPublic(decode(value, 'an ed25519-public: key'), null);
  throw new AuditKeyError('each audit key must start with ed25519: (to sign) or ed25519-public: (to verify only)');
}

/** Keys separated by commas or new lines; the first signs, all verify. Lines starting with # are comments. */
export function parseAuditKeys(text: string): AuditKeys {
  const keys = text.split('\n').filter((line) => !line.trim().startsWith('#'))
    .flatMap((line) => line.split(',')).map((key) => key.trim()).filter(Boolean).map(parseAuditKey);
  const [signing] = keys;
  if (!signing) throw new AuditKeyError('no audit key given');
  if (!signing.privateKey) throw new AuditKeyError('the first audit key signs new events, so it must be a private key (ed25519:…)');
  return { signing: signing as AuditKeys['signing'], trusted: new Map(keys.map((k) => [k.id, k])) };
}

export const newAuditKeyText = () => `ed25519:${randomBytes(32).toString('base64url')}`;

/** The signature of one audit event's hash, base64url. */
export const signHash = (keys: AuditKeys, hash: string) => sign(null, Buffer.from(hash, 'utf8'), keys.signing.privateKey).toString('base64url');

export type SignatureCheck = 'valid' | 'invalid' | 'unknown-key';

export function checkSignature(keys: AuditKeys, keyId: string, hash: string, signature: string): SignatureCheck {
  const key = keys.trusted.get(keyId);
  if (!key) return 'unknown-key';
  return verify(null, Buffer.from(hash, 'utf8'), key.publicKey, Buffer.from(signature, 'base64url')) ? 'valid' : 'invalid';
}
