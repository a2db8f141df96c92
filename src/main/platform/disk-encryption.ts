import { execFile, type ExecFileException } from 'node:child_process';
import { win32 } from 'node:path';

/**
 * Whether the volume that holds a path is encrypted by the operating system (BitLocker, FileVault, LUKS), as far as
 * this process can tell without administrator rights. The application cannot encrypt its SQLite file itself
 * (docs/privacy.md, « Chiffrement au repos : celui du disque »): this only reports, it never changes anything.
 *
 * Each platform asks its own tools, run with `execFile` (never a shell) and a short timeout; what they print is read
 * by the pure `parse…`/`…Verdict` functions below, unit-tested with recorded outputs.
 */
export interface DiskEncryptionStatus {
  /** `unknown` whenever the tools could not tell (missing, refused, timed out, or a volume they cannot see into). */
  state: 'encrypted' | 'not_encrypted' | 'unknown';
  /** What encrypts the volume (`LUKS`, `dm-crypt`, `FileVault`, `BitLocker`…) when `encrypted`, else null. */
  method: string | null;
  /** What was found, or why it could not be told, in French (one or two sentences). */
  detail: string;
}

/** What one command answered. A runner never rejects: a missing program or a timeout is an outcome. */
export interface CommandOutput {
  outcome: 'ok' | 'failed' | 'not_found' | 'timeout';
  /** Exit code when the program ran and exited, else null. */
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program with arguments (no shell). Injected so that tests replay recorded outputs. */
export type CommandRunner = (command: string, args: readonly string[], options?: { timeoutMs?: number }) => Promise<CommandOutput>;

/** The platforms the page gives advice for. */
export type PlatformFamily = 'linux' | 'macos' | 'windows' | 'other';

/** Default time a status command may take, in milliseconds. */
const TIMEOUT_MS = 2_000;
/** PowerShell alone often takes more than a second to start on a cold machine. */
const POWERSHELL_TIMEOUT_MS = 4_000;

export function platformFamily(platform: NodeJS.Platform = process.platform): PlatformFamily {
  if (platform === 'linux') return 'linux';
  if (platform === 'darwin') return 'macos';
  if (platform === 'win32') return 'windows';
  return 'other';
}

/** The real runner: `execFile` with a timeout, output decoded as UTF-8, at most 1 MiB kept. */
export const execRunner: CommandRunner = (command, args, options = {}) =>
  new Promise((resolve) => {
    execFile(
      command,
      [...args],
      { timeout: options.timeoutMs ?? TIMEOUT_MS, encoding: 'utf8', maxBuffer: 1024 * 1024, windowsHide: true },
      (error: ExecFileException | null, stdout: string, stderr: string) => {
        if (!error) return resolve({ outcome: 'ok', code: 0, stdout, stderr });
        if (error.code === 'ENOENT') return resolve({ outcome: 'not_found', code: null, stdout: '', stderr: '' });
        if (error.killed) return resolve({ outcome: 'timeout', code: null, stdout, stderr });
        resolve({ outcome: 'failed', code: typeof error.code === 'number' ? error.code : null, stdout, stderr: stderr || error.message });
      },
    );
  });

const unknown = (detail: string): DiskEncryptionStatus => ({ state: 'unknown', method: null, detail });
const notEncrypted = (detail: string): DiskEncryptionStatus => ({ state: 'not_encrypted', method: null, detail });
const encrypted = (method: string, detail: string): DiskEncryptionStatus => ({ state: 'encrypted', method, detail });

/** First non-empty line of what a program printed (for a reason shown to the user), at most 200 characters. */
function firstLine(text: string): string {
  const line = text.split(/\r?\n/).map((part) => part.trim()).find((part) => part.length > 0) ?? '';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** Why a command gave nothing usable, in French. */
export function commandFailure(program: string, output: CommandOutput): string {
  if (output.outcome === 'not_found') return `${program} est introuvable sur ce poste`;
  if (output.outcome === 'timeout') return `${program} n’a pas répondu à temps`;
  const said = firstLine(output.stderr) || firstLine(output.stdout);
  return `${program} a échoué${output.code !== null ? ` (code ${output.code})` : ''}${said ? ` : ${said}` : ''}`;
}

/* ---------------------------------------------------------------- Linux */

/** The filesystem that holds a path, as `findmnt -J --nofsroot -o SOURCE,FSTYPE,TARGET --target PATH` prints it. */
export interface LinuxMount {
  source: string;
  fstype: string;
  target: string;
}

/** Reads `findmnt -J` (the innermost filesystem first); null when it is not the expected JSON. */
export function parseFindmnt(stdout: string): LinuxMount | null {
  try {
    const parsed = JSON.parse(stdout) as { filesystems?: Array<Record<string, unknown>> };
    const first = parsed.filesystems?.[0];
    if (!first || typeof first.source !== 'string' || typeof first.fstype !== 'string') return null;
    // Without --nofsroot (older findmnt), a btrfs subvolume or bind mount reads `/dev/sda2[/@home]`.
    return { source: first.source.replace(/\[[^\]]*\]$/, ''), fstype: first.fstype, target: typeof first.target === 'string' ? first.target : '' };
  } catch {
    return null;
  }
}

/** Filesystems that encrypt their files themselves (stacked on another filesystem), with their name. */
const ENCRYPTING_FILESYSTEMS: Readonly<Record<string, string>> = {
  ecryptfs: 'eCryptfs',
  'fuse.gocryptfs': 'gocryptfs',
  'fuse.encfs': 'EncFS',
  'fuse.cryfs': 'CryFS',
  'fuse.securefs': 'securefs',
};
const NETWORK_FILESYSTEMS = new Set(['nfs', 'nfs4', 'cifs', 'smb3', 'smbfs', '9p', 'virtiofs', 'ceph', 'glusterfs', 'fuse.glusterfs', 'fuse.sshfs', 'davfs', 'fuse.davfs2', 'afs', 'lustre', 'fuse.rclone']);
const MEMORY_FILESYSTEMS = new Set(['tmpfs', 'ramfs']);
const LAYERED_FILESYSTEMS = new Set(['overlay', 'aufs', 'fuse-overlayfs', 'fuse.fuse-overlayfs']);

/**
 * What the filesystem alone tells: a verdict (encrypting, network, memory or layered filesystem, no block device),
 * or the block device whose ancestry `lsblk` must show.
 */
export function linuxMountVerdict(mount: LinuxMount): { status: DiskEncryptionStatus } | { device: string } {
  const where = `${mount.fstype}${mount.target ? `, monté sur ${mount.target}` : ''}`;
  const cipher = ENCRYPTING_FILESYSTEMS[mount.fstype];
  if (cipher) return { status: encrypted(cipher, `La base est dans un système de fichiers chiffré (${where}).`) };
  if (NETWORK_FILESYSTEMS.has(mount.fstype)) {
    return { status: unknown(`La base est sur un partage réseau ou un dossier partagé par une autre machine (${where}, source ${mount.source}) : son chiffrement dépend de la machine qui le sert.`) };
  }
  if (MEMORY_FILESYSTEMS.has(mount.fstype)) {
    return { status: unknown(`La base est en mémoire vive (${where}) : elle n’est écrite sur aucun disque, sauf dans la mémoire d’échange (swap), et disparaît à l’arrêt du poste.`) };
  }
  if (LAYERED_FILESYSTEMS.has(mount.fstype)) {
    return { status: unknown(`La base est sur un système de fichiers superposé (${where}), comme dans un conteneur : le disque qui est dessous n’est pas visible d’ici.`) };
  }
  if (mount.fstype === 'zfs') {
    return { status: unknown(`La base est sur ZFS (jeu de données ${mount.source}) : son chiffrement se lit avec « zfs get encryption ${mount.source} », que l’application ne lance pas.`) };
  }
  if (!mount.source.startsWith('/dev/')) {
    return { status: unknown(`Le système de fichiers de la base (${where}) n’est pas sur un disque identifiable (source « ${mount.source} »).`) };
  }
  return { device: mount.source };
}

interface LsblkNode {
  name?: unknown;
  type?: unknown;
  fstype?: unknown;
  children?: LsblkNode[];
}

/** Whether every path from a device down to the disks goes through a dm-crypt layer (a loop file cannot be followed). */
function coverage(node: LsblkNode): 'yes' | 'no' | 'unknown' {
  if (node.type === 'crypt') return 'yes';
  const children = node.children ?? [];
  if (children.length === 0) return node.type === 'loop' ? 'unknown' : 'no';
  const parts = children.map(coverage);
  if (parts.every((part) => part === 'yes')) return 'yes';
  return parts.includes('no') ? 'no' : 'unknown';
}

function allNodes(node: LsblkNode): LsblkNode[] {
  return [node, ...(node.children ?? []).flatMap(allNodes)];
}

/**
 * Reads `lsblk -J -s -o NAME,TYPE,FSTYPE DEVICE` (the device, then what it is built on, down to the disks): encrypted
 * when every path goes through a `crypt` layer (dm-crypt; LUKS when the layer's device is `crypto_LUKS`).
 */
export function parseLsblk(stdout: string, mount: LinuxMount): DiskEncryptionStatus {
  let root: LsblkNode | undefined;
  try {
    root = (JSON.parse(stdout) as { blockdevices?: LsblkNode[] }).blockdevices?.[0];
  } catch {
    root = undefined;
  }
  const where = `${mount.fstype} sur ${mount.source}${mount.target ? `, monté sur ${mount.target}` : ''}`;
  if (!root) return unknown(`lsblk n’a pas décrit le disque de la base (${where}).`);
  const nodes = allNodes(root);
  const crypts = nodes.filter((node) => node.type === 'crypt');
  const verdict = coverage(root);
  if (verdict === 'yes') {
    const luks = nodes.some((node) => node.fstype === 'crypto_LUKS') || crypts.some((node) => String(node.name).startsWith('luks'));
    const method = luks ? 'LUKS' : 'dm-crypt';
    const layers = crypts.map((node) => {
      const below = (node.children ?? []).map((child) => String(child.name)).join(', ');
      return `${String(node.name)}${below ? ` sur ${below}` : ''}`;
    });
    return encrypted(method, `Le système de fichiers de la base (${where}) est au-dessus d’une couche chiffrée ${method} (${layers.join(' ; ')}).`);
  }
  if (verdict === 'unknown') {
    return unknown(`Le disque de la base (${where}) repose sur un fichier image (loop) dont le disque n’a pas été suivi.`);
  }
  if (crypts.length > 0) {
    return notEncrypted(`Une partie seulement du volume de la base (${where}) passe par une couche chiffrée dm-crypt.`);
  }
  const virtual = /^(x?vd[a-z]|nbd\d)/.test(String(root.name)) || nodes.some((node) => /^(x?vd[a-z]|nbd\d)/.test(String(node.name)));
  return notEncrypted(
    `Le système de fichiers de la base (${where}) ne passe par aucune couche de chiffrement dm-crypt/LUKS.` +
      (virtual ? ' C’est un disque virtuel : un chiffrement de son image par la machine hôte ne se voit pas d’ici.' : ''),
  );
}

async function linuxStatus(path: string, run: CommandRunner): Promise<DiskEncryptionStatus> {
  const found = await run('findmnt', ['-J', '--nofsroot', '-o', 'SOURCE,FSTYPE,TARGET', '--target', path]);
  const mount = found.outcome === 'ok' ? parseFindmnt(found.stdout) : null;
  if (!mount) return unknown(`Le système de fichiers de la base n’a pas pu être identifié : ${found.outcome === 'ok' ? 'réponse inattendue de findmnt' : commandFailure('findmnt', found)}.`);
  const verdict = linuxMountVerdict(mount);
  if ('status' in verdict) return verdict.status;
  const tree = await run('lsblk', ['-J', '-s', '-o', 'NAME,TYPE,FSTYPE', verdict.device]);
  if (tree.outcome !== 'ok') return unknown(`Le disque de la base (${verdict.device}) n’a pas pu être décrit : ${commandFailure('lsblk', tree)}.`);
  return parseLsblk(tree.stdout, mount);
}

/* ---------------------------------------------------------------- macOS */

/** Reads `df -P PATH`: the device and mount point of the volume holding the path; null when unexpected. */
export function parseDfPosix(stdout: string): { filesystem: string; mountPoint: string } | null {
  const lines = stdout.split(/\r?\n/).filter((line) => line.trim().length > 0);
  const match = /^(.+?)\s+\d+\s+\d+\s+\d+\s+\d+%\s+(\/.*)$/.exec(lines[1] ?? '');
  return match ? { filesystem: match[1] ?? '', mountPoint: match[2] ?? '' } : null;
}

/** FileVault covers the startup disk: its system volume and, since Catalina, the data volume beside it. */
const STARTUP_VOLUMES = new Set(['/', '/System/Volumes/Data']);

/** Reads `fdesetup status` (startup disk only). */
export function parseFdesetup(stdout: string): DiskEncryptionStatus {
  if (/Encryption in progress/i.test(stdout)) {
    return unknown('FileVault est en cours d’activation : le disque sera protégé quand le chiffrement sera terminé.');
  }
  if (/Decryption in progress/i.test(stdout)) return notEncrypted('FileVault est en cours de désactivation : le disque est en train d’être déchiffré.');
  if (/will be enabled after the next restart/i.test(stdout)) {
    return notEncrypted('FileVault sera activé au prochain redémarrage : d’ici là, le disque n’est pas protégé.');
  }
  if (/FileVault is On/i.test(stdout)) return encrypted('FileVault', 'FileVault est activé sur le disque de démarrage, qui contient la base.');
  if (/FileVault is Off/i.test(stdout)) {
    return notEncrypted('FileVault est désactivé sur le disque de démarrage, qui contient la base (sans FileVault, le chiffrement matériel des Mac récents s’ouvre sans mot de passe).');
  }
  return unknown(`Réponse inattendue de fdesetup : ${firstLine(stdout) || '(vide)'}.`);
}

async function macStatus(path: string, run: CommandRunner): Promise<DiskEncryptionStatus> {
  const df = await run('/bin/df', ['-P', path]);
  const volume = df.outcome === 'ok' ? parseDfPosix(df.stdout) : null;
  if (!volume) return unknown(`Le volume de la base n’a pas pu être identifié : ${df.outcome === 'ok' ? 'réponse inattendue de df' : commandFailure('df', df)}.`);
  if (!STARTUP_VOLUMES.has(volume.mountPoint)) {
    return unknown(`La base est sur le volume ${volume.mountPoint} (${volume.filesystem}) : FileVault ne chiffre que le disque de démarrage ; le chiffrement de ce volume se voit dans Utilitaire de disque.`);
  }
  const status = await run('/usr/bin/fdesetup', ['status']);
  if (status.outcome !== 'ok') return unknown(`L’état de FileVault n’a pas pu être lu : ${commandFailure('fdesetup', status)}.`);
  return parseFdesetup(status.stdout);
}

/* ---------------------------------------------------------------- Windows */

/** The drive letter of a Windows path (`C`), a network share, or null when neither. */
export function windowsVolume(path: string): { drive: string } | { share: string } | null {
  const plain = path.replace(/^\\\\[?.]\\(?!UNC\\)/i, '');
  const drive = /^([A-Za-z]):/.exec(plain);
  if (drive?.[1]) return { drive: drive[1].toUpperCase() };
  const share = /^(?:\\\\[?.]\\UNC\\|\\\\|\/\/)([^\\/]+[\\/][^\\/]+)/i.exec(path);
  return share?.[1] ? { share: `\\\\${share[1].replace('/', '\\')}` } : null;
}

/**
 * Reads the shell property `System.Volume.BitLockerProtection` (what Explorer uses for its padlock; readable without
 * administrator rights). 1, 5, 6: protection on; 2: off (or suspended); 3: encrypting; 4: decrypting. Anything else
 * (empty: BitLocker unavailable for this volume) answers null, for `manage-bde` to be asked.
 */
export function parseBitLockerProtection(stdout: string, drive: string): DiskEncryptionStatus | null {
  const value = stdout.trim();
  if (!/^\d+$/.test(value)) return null;
  switch (Number(value)) {
    case 1:
    case 5:
    case 6:
      return encrypted('BitLocker', `BitLocker protège le lecteur ${drive}:, qui contient la base.`);
    case 2:
      return notEncrypted(`BitLocker ne protège pas le lecteur ${drive}:, qui contient la base (désactivé ou suspendu).`);
    case 3:
      return unknown(`Le chiffrement BitLocker du lecteur ${drive}: est en cours : la base sera protégée quand il sera terminé.`);
    case 4:
      return notEncrypted(`BitLocker est en cours de désactivation sur le lecteur ${drive}: (déchiffrement en cours).`);
    default:
      return null;
  }
}

/**
 * Reads `manage-bde -status X:`, in English or French (printed in the console's code page: accented letters may
 * arrive garbled, hence the wildcards). Without administrator rights it refuses: unknown, saying so.
 */
export function parseManageBde(output: CommandOutput, drive: string): DiskEncryptionStatus {
  if (output.outcome === 'not_found') {
    return unknown(`BitLocker n’est pas disponible sur ce poste (manage-bde absent) : le « Chiffrement de l’appareil » éventuel se voit dans Paramètres > Confidentialité et sécurité.`);
  }
  if (output.outcome === 'timeout') return unknown(`L’état BitLocker du lecteur ${drive}: n’a pas pu être lu : manage-bde n’a pas répondu à temps.`);
  const text = `${output.stdout}\n${output.stderr}`;
  if (/0x80070005|access\b.*\bdenied|acc.{1,2}s\b.*\brefus|administrative rights|droits d.{1,2}administrat/i.test(text)) {
    return unknown(`Windows réserve aux administrateurs la lecture de l’état BitLocker du lecteur ${drive}: (« manage-bde -status ${drive}: » dans une invite de commandes administrateur).`);
  }
  const on = /Protection\s+On\b|protection\s+(?:est\s+)?activ/i.test(text);
  const off = /Protection\s+Off\b|protection\s+(?:est\s+)?d.{1,2}sactiv/i.test(text);
  const converting = /Encryption in Progress|Chiffrement en cours/i.test(text);
  const fullyEncrypted = /Fully Encrypted|Used Space Only Encrypted|Chiffrement int.{1,2}gral|espace utilis.{1,2} seulement/i.test(text);
  if (on && !off) return encrypted('BitLocker', `BitLocker protège le lecteur ${drive}:, qui contient la base.`);
  if (off && converting) return unknown(`Le chiffrement BitLocker du lecteur ${drive}: est en cours : la base sera protégée quand il sera terminé.`);
  if (off && fullyEncrypted) {
    return notEncrypted(`BitLocker est suspendu sur le lecteur ${drive}: : le disque est chiffré mais sa clé est en clair sur le disque (reprendre la protection : « manage-bde -protectors -enable ${drive}: »).`);
  }
  if (off) return notEncrypted(`BitLocker ne protège pas le lecteur ${drive}:, qui contient la base.`);
  return unknown(`L’état BitLocker du lecteur ${drive}: n’a pas pu être lu : ${commandFailure('manage-bde', output)}.`);
}

async function windowsStatus(path: string, run: CommandRunner): Promise<DiskEncryptionStatus> {
  const volume = windowsVolume(path);
  if (!volume) return unknown(`Le lecteur de la base n’a pas pu être déduit de son chemin (${path}).`);
  if ('share' in volume) return unknown(`La base est sur un partage réseau (${volume.share}) : son chiffrement dépend du serveur qui le sert.`);
  const system32 = win32.join(process.env.SystemRoot ?? 'C:\\Windows', 'System32');
  // The drive is one letter checked above: nothing of the path reaches PowerShell's command text.
  const script = `(New-Object -ComObject Shell.Application).NameSpace('${volume.drive}:').Self.ExtendedProperty('System.Volume.BitLockerProtection')`;
  const shell = await run(win32.join(system32, 'WindowsPowerShell', 'v1.0', 'powershell.exe'), ['-NoProfile', '-NonInteractive', '-Command', script], { timeoutMs: POWERSHELL_TIMEOUT_MS });
  const fromShell = shell.outcome === 'ok' ? parseBitLockerProtection(shell.stdout, volume.drive) : null;
  if (fromShell) return fromShell;
  return parseManageBde(await run(win32.join(system32, 'manage-bde.exe'), ['-status', `${volume.drive}:`]), volume.drive);
}

/* ---------------------------------------------------------------- entry point */

/**
 * Whether the volume holding `path` (an existing file or folder) is encrypted by the system. Never throws: whatever
 * goes wrong answers `unknown` with its reason. `options` replace the platform and the command runner in tests.
 */
export async function diskEncryptionStatus(
  path: string,
  options: { platform?: NodeJS.Platform; run?: CommandRunner } = {},
): Promise<DiskEncryptionStatus> {
  const run = options.run ?? execRunner;
  try {
    switch (platformFamily(options.platform)) {
      case 'linux':
        return await linuxStatus(path, run);
      case 'macos':
        return await macStatus(path, run);
      case 'windows':
        return await windowsStatus(path, run);
      default:
        return unknown(`Le chiffrement du disque n’est pas vérifié sur ce système (${options.platform ?? process.platform}).`);
    }
  } catch (error) {
    return unknown(`Le chiffrement du disque n’a pas pu être vérifié : ${error instanceof Error ? error.message : String(error)}.`);
  }
}
