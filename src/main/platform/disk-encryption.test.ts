import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import {
  diskEncryptionStatus, parseBitLockerProtection, parseDfPosix, parseFdesetup, parseFindmnt, parseLsblk, parseManageBde, windowsVolume,
  type CommandOutput, type CommandRunner,
} from './disk-encryption';

/** Issue 16, item 8: the page says whether the disk holding the store is encrypted, read from the system's own tools. */

const ok = (stdout: string): CommandOutput => ({ outcome: 'ok', code: 0, stdout, stderr: '' });
const failed = (code: number, stdout: string, stderr = ''): CommandOutput => ({ outcome: 'failed', code, stdout, stderr });

/** A runner that replays recorded outputs by program name (basename), and records what was asked. */
function replay(outputs: Record<string, CommandOutput>): { run: CommandRunner; asked: string[][] } {
  const asked: string[][] = [];
  const run: CommandRunner = async (command, args) => {
    asked.push([command, ...args]);
    const name = command.split(/[\\/]/).pop() ?? command;
    return outputs[name] ?? { outcome: 'not_found', code: null, stdout: '', stderr: '' };
  };
  return { run, asked };
}

// ---------------------------------------------------------------- Linux (findmnt -J, lsblk -J -s, util-linux 2.38)

const FINDMNT_LVM_ON_LUKS = `{
   "filesystems": [
      {
         "source": "/dev/mapper/vgubuntu-root",
         "fstype": "ext4",
         "target": "/"
      }
   ]
}`;

/** Ubuntu's « chiffrer l’installation » layout: ext4 on LVM on LUKS on the third NVMe partition. */
const LSBLK_LVM_ON_LUKS = `{
   "blockdevices": [
      {
         "name": "vgubuntu-root",
         "type": "lvm",
         "fstype": "ext4",
         "children": [
            {
               "name": "nvme0n1p3_crypt",
               "type": "crypt",
               "fstype": "LVM2_member",
               "children": [
                  {
                     "name": "nvme0n1p3",
                     "type": "part",
                     "fstype": "crypto_LUKS",
                     "children": [
                        {
                           "name": "nvme0n1",
                           "type": "disk",
                           "fstype": null
                        }
                     ]
                  }
               ]
            }
         ]
      }
   ]
}`;

/** Fedora: btrfs subvolume (older findmnt prints the subvolume after the device) directly on LUKS. */
const FINDMNT_BTRFS_SUBVOLUME = `{"filesystems": [{"source": "/dev/mapper/luks-6f1c2e0a-0b1d-4b8e-9d55-2f3c1a7e9b10[/home]", "fstype": "btrfs", "target": "/home"}]}`;
const LSBLK_BTRFS_ON_LUKS = `{"blockdevices": [{"name": "luks-6f1c2e0a-0b1d-4b8e-9d55-2f3c1a7e9b10", "type": "crypt", "fstype": "btrfs",
  "children": [{"name": "sda3", "type": "part", "fstype": null, "children": [{"name": "sda", "type": "disk", "fstype": null}]}]}]}`;

const FINDMNT_PLAIN = `{
   "filesystems": [
      {
         "source": "/dev/sda2",
         "fstype": "ext4",
         "target": "/home"
      }
   ]
}`;
const LSBLK_PLAIN = `{
   "blockdevices": [
      {
         "name": "sda2",
         "type": "part",
         "fstype": "ext4",
         "children": [
            {
               "name": "sda",
               "type": "disk",
               "fstype": null
            }
         ]
      }
   ]
}`;

/** A virtual machine's disk (virtio), as on the test machine. */
const FINDMNT_VIRTIO = `{"filesystems": [{"source": "/dev/vda", "fstype": "ext4", "target": "/"}]}`;
const LSBLK_VIRTIO = `{"blockdevices": [{"name": "vda", "type": "disk", "fstype": null}]}`;

/** A software RAID 1 whose members are only half encrypted. */
const LSBLK_HALF_ENCRYPTED = `{"blockdevices": [{"name": "md0", "type": "raid1", "fstype": "ext4", "children": [
  {"name": "crypt-a", "type": "crypt", "fstype": "linux_raid_member", "children": [{"name": "sda1", "type": "part", "fstype": "crypto_LUKS"}]},
  {"name": "sdb1", "type": "part", "fstype": "linux_raid_member", "children": [{"name": "sdb", "type": "disk", "fstype": null}]}]}]}`;

const FINDMNT_TMPFS = `{"filesystems": [{"source": "tmpfs", "fstype": "tmpfs", "target": "/tmp"}]}`;
const FINDMNT_OVERLAY = `{"filesystems": [{"source": "overlay", "fstype": "overlay", "target": "/"}]}`;
const FINDMNT_NFS = `{"filesystems": [{"source": "nas.prefecture.local:/export/partage", "fstype": "nfs4", "target": "/mnt/partage"}]}`;
const FINDMNT_ECRYPTFS = `{"filesystems": [{"source": "/home/.ecryptfs/agent/.Private", "fstype": "ecryptfs", "target": "/home/agent"}]}`;

async function linux(findmnt: CommandOutput, lsblk?: CommandOutput) {
  const { run, asked } = replay({ findmnt, ...(lsblk ? { lsblk } : {}) });
  return { status: await diskEncryptionStatus('/home/agent/.config/Atelier Covoiturage', { platform: 'linux', run }), asked };
}

describe('Linux: findmnt, then the block devices under the filesystem', () => {
  it('finds LUKS under LVM (Ubuntu’s encrypted install) and asks the tools without a shell, path as one argument', async () => {
    const { status, asked } = await linux(ok(FINDMNT_LVM_ON_LUKS), ok(LSBLK_LVM_ON_LUKS));
    expect(status).toEqual({
      state: 'encrypted',
      method: 'LUKS',
      detail: 'Le système de fichiers de la base (ext4 sur /dev/mapper/vgubuntu-root, monté sur /) est au-dessus d’une couche chiffrée LUKS (nvme0n1p3_crypt sur nvme0n1p3).',
    });
    expect(asked).toEqual([
      ['findmnt', '-J', '--nofsroot', '-o', 'SOURCE,FSTYPE,TARGET', '--target', '/home/agent/.config/Atelier Covoiturage'],
      ['lsblk', '-J', '-s', '-o', 'NAME,TYPE,FSTYPE', '/dev/mapper/vgubuntu-root'],
    ]);
  });

  it('reads a btrfs subvolume’s device without its [/subvolume] suffix, LUKS named by its mapper name', async () => {
    expect(parseFindmnt(FINDMNT_BTRFS_SUBVOLUME)).toEqual({ source: '/dev/mapper/luks-6f1c2e0a-0b1d-4b8e-9d55-2f3c1a7e9b10', fstype: 'btrfs', target: '/home' });
    const { status, asked } = await linux(ok(FINDMNT_BTRFS_SUBVOLUME), ok(LSBLK_BTRFS_ON_LUKS));
    expect(status).toMatchObject({ state: 'encrypted', method: 'LUKS' });
    expect(asked[1]?.at(-1)).toBe('/dev/mapper/luks-6f1c2e0a-0b1d-4b8e-9d55-2f3c1a7e9b10');
  });

  it('says a plain ext4 partition is not encrypted', async () => {
    const { status } = await linux(ok(FINDMNT_PLAIN), ok(LSBLK_PLAIN));
    expect(status).toEqual({
      state: 'not_encrypted',
      method: null,
      detail: 'Le système de fichiers de la base (ext4 sur /dev/sda2, monté sur /home) ne passe par aucune couche de chiffrement dm-crypt/LUKS.',
    });
  });

  it('says so of a virtual disk too, adding that the host’s encryption cannot be seen', async () => {
    const { status } = await linux(ok(FINDMNT_VIRTIO), ok(LSBLK_VIRTIO));
    expect(status.state).toBe('not_encrypted');
    expect(status.detail).toContain('disque virtuel');
  });

  it('does not call a volume encrypted when only one of its members is', () => {
    const status = parseLsblk(LSBLK_HALF_ENCRYPTED, { source: '/dev/md0', fstype: 'ext4', target: '/srv' });
    expect(status.state).toBe('not_encrypted');
    expect(status.detail).toContain('Une partie seulement');
  });

  it('answers unknown, with the reason, for tmpfs, overlay and network filesystems, without asking lsblk', async () => {
    for (const [findmnt, reason] of [
      [FINDMNT_TMPFS, 'en mémoire vive (tmpfs, monté sur /tmp)'],
      [FINDMNT_OVERLAY, 'système de fichiers superposé (overlay, monté sur /), comme dans un conteneur'],
      [FINDMNT_NFS, 'partage réseau'],
    ] as const) {
      const { status, asked } = await linux(ok(findmnt));
      expect(status.state).toBe('unknown');
      expect(status.method).toBeNull();
      expect(status.detail).toContain(reason);
      expect(asked).toHaveLength(1);
    }
  });

  it('knows a filesystem that encrypts its own files (eCryptfs home)', async () => {
    const { status } = await linux(ok(FINDMNT_ECRYPTFS));
    expect(status).toMatchObject({ state: 'encrypted', method: 'eCryptfs' });
  });

  it('answers unknown when lsblk cannot see the device, or the tools are missing', async () => {
    const root = await linux(ok(`{"filesystems": [{"source": "/dev/root", "fstype": "ext4", "target": "/"}]}`), failed(32, '{"blockdevices": []}', 'lsblk: /dev/root: not a block device'));
    expect(root.status).toEqual({
      state: 'unknown',
      method: null,
      detail: 'Le disque de la base (/dev/root) n’a pas pu être décrit : lsblk a échoué (code 32) : lsblk: /dev/root: not a block device.',
    });
    const missing = await linux({ outcome: 'not_found', code: null, stdout: '', stderr: '' });
    expect(missing.status.detail).toBe('Le système de fichiers de la base n’a pas pu être identifié : findmnt est introuvable sur ce poste.');
    const slow = await linux(ok(FINDMNT_PLAIN), { outcome: 'timeout', code: null, stdout: '', stderr: '' });
    expect(slow.status).toMatchObject({ state: 'unknown', detail: expect.stringContaining('lsblk n’a pas répondu à temps') });
    expect(parseFindmnt('pas du json')).toBeNull();
  });
});

// ---------------------------------------------------------------- macOS (df -P, fdesetup status)

const DF_DATA_VOLUME = `Filesystem   512-blocks      Used Available Capacity  Mounted on
/dev/disk3s5  965595304 412341232 527659464    44%    /System/Volumes/Data
`;
const DF_EXTERNAL = `Filesystem   512-blocks      Used Available Capacity  Mounted on
/dev/disk5s1  1953456128 20971520 1932484608     2%    /Volumes/Clé Préfecture
`;

async function mac(fdesetup: CommandOutput, df = ok(DF_DATA_VOLUME)) {
  const { run, asked } = replay({ df, fdesetup });
  return { status: await diskEncryptionStatus('/Users/agent/Library/Application Support/Atelier Covoiturage', { platform: 'darwin', run }), asked };
}

describe('macOS: the volume (df -P), then FileVault (fdesetup status)', () => {
  it('says FileVault On is encrypted, asking fixed system paths', async () => {
    const { status, asked } = await mac(ok('FileVault is On.\n'));
    expect(status).toEqual({ state: 'encrypted', method: 'FileVault', detail: 'FileVault est activé sur le disque de démarrage, qui contient la base.' });
    expect(asked).toEqual([
      ['/bin/df', '-P', '/Users/agent/Library/Application Support/Atelier Covoiturage'],
      ['/usr/bin/fdesetup', 'status'],
    ]);
  });

  it('says FileVault Off is not encrypted, and a deferred enablement not yet either', async () => {
    expect((await mac(ok('FileVault is Off.\n'))).status).toMatchObject({ state: 'not_encrypted', method: null });
    expect((await mac(ok('FileVault is Off, but will be enabled after the next restart.\n'))).status.detail).toContain('prochain redémarrage');
  });

  it('answers unknown while encrypting, and not encrypted while decrypting', () => {
    expect(parseFdesetup('FileVault is On.\nEncryption in progress: Percent completed = 37.2\n').state).toBe('unknown');
    expect(parseFdesetup('FileVault is On.\nDecryption in progress: Percent completed = 12.0\n').state).toBe('not_encrypted');
  });

  it('does not apply FileVault to a volume other than the startup disk', async () => {
    expect(parseDfPosix(DF_EXTERNAL)).toEqual({ filesystem: '/dev/disk5s1', mountPoint: '/Volumes/Clé Préfecture' });
    const { status, asked } = await mac(ok('FileVault is On.\n'), ok(DF_EXTERNAL));
    expect(status.state).toBe('unknown');
    expect(status.detail).toContain('/Volumes/Clé Préfecture');
    expect(asked).toHaveLength(1);
  });
});

// ---------------------------------------------------------------- Windows (shell property, then manage-bde)

const BDE_ON = `BitLocker Drive Encryption: Configuration Tool version 10.0.22621
Copyright (C) 2013 Microsoft Corporation. All rights reserved.

Volume C: [Windows]
[OS Volume]

    Size:                 475.73 GB
    BitLocker Version:    2.0
    Conversion Status:    Used Space Only Encrypted
    Percentage Encrypted: 100.0%
    Encryption Method:    XTS-AES 128
    Protection Status:    Protection On
    Lock Status:          Unlocked
    Identification Field: Unknown
    Key Protectors:
        TPM
        Numerical Password

`;
const BDE_OFF = `BitLocker Drive Encryption: Configuration Tool version 10.0.19045
Copyright (C) 2013 Microsoft Corporation. All rights reserved.

Volume C: [OS]
[OS Volume]

    Size:                 237.84 GB
    BitLocker Version:    None
    Conversion Status:    Fully Decrypted
    Percentage Encrypted: 0.0%
    Encryption Method:    None
    Protection Status:    Protection Off
    Lock Status:          Unlocked
    Identification Field: None
    Key Protectors:       None Found

`;
const BDE_SUSPENDED = BDE_ON.replace('Protection On', 'Protection Off').replace('Used Space Only Encrypted', 'Fully Encrypted');
/** French Windows, decoded from the console's code page (cp850) as UTF-8: accented letters arrive as U+FFFD. */
const BDE_ON_FR = `Chiffrement de lecteur BitLocker\u00a0: outil de configuration version 10.0.19045
Copyright (C) 2013 Microsoft Corporation. Tous droits r\ufffdserv\ufffds.

Volume C: [Windows]
[Volume du syst\ufffdme d\u2019exploitation]

    Taille\u00a0:                          237,84 Go
    \ufffdtat de la conversion\u00a0:           Chiffrement int\ufffdgral
    Pourcentage chiffr\ufffd\u00a0:             100,0\u00a0%
    M\ufffdthode de chiffrement\u00a0:          XTS-AES 128
    \ufffdtat de la protection\u00a0:           Protection activ\ufffde
`;
const BDE_DENIED = `BitLocker Drive Encryption: Configuration Tool version 10.0.22621
Copyright (C) 2013 Microsoft Corporation. All rights reserved.

ERROR: An attempt to access a required resource was denied.
Check that you have administrative rights on the computer.
`;
const BDE_DENIED_FR = `Chiffrement de lecteur BitLocker : outil de configuration version 10.0.19045

ERREUR : une tentative d\ufffdacc\ufffds \ufffd une ressource requise a \ufffdt\ufffd refus\ufffde.
V\ufffdrifiez que vous disposez des droits d\ufffdadministration sur l\ufffdordinateur.
`;

async function windows(powershell: CommandOutput, bde?: CommandOutput, path = 'D:\\Données\\Atelier Covoiturage') {
  const { run, asked } = replay({ 'powershell.exe': powershell, ...(bde ? { 'manage-bde.exe': bde } : {}) });
  return { status: await diskEncryptionStatus(path, { platform: 'win32', run }), asked };
}

describe('Windows: BitLocker through the shell property, then manage-bde', () => {
  it('reads the shell property (no administrator rights needed) for the drive of the path', async () => {
    const { status, asked } = await windows(ok('1\r\n'));
    expect(status).toEqual({ state: 'encrypted', method: 'BitLocker', detail: 'BitLocker protège le lecteur D:, qui contient la base.' });
    expect(asked).toHaveLength(1);
    expect(asked[0]?.slice(1)).toEqual([
      '-NoProfile', '-NonInteractive', '-Command',
      "(New-Object -ComObject Shell.Application).NameSpace('D:').Self.ExtendedProperty('System.Volume.BitLockerProtection')",
    ]);
    expect((await windows(ok('2\r\n'))).status).toMatchObject({ state: 'not_encrypted', method: null });
    expect(parseBitLockerProtection('3', 'C')?.state).toBe('unknown');
    expect(parseBitLockerProtection('', 'C')).toBeNull();
  });

  it('falls back on manage-bde when the property is empty: Protection On, Protection Off, suspended', async () => {
    const on = await windows(ok('\r\n'), ok(BDE_ON));
    expect(on.status).toMatchObject({ state: 'encrypted', method: 'BitLocker' });
    expect(on.asked[1]?.slice(1)).toEqual(['-status', 'D:']);
    expect((await windows(ok(''), ok(BDE_OFF))).status).toEqual({ state: 'not_encrypted', method: null, detail: 'BitLocker ne protège pas le lecteur D:, qui contient la base.' });
    expect(parseManageBde(ok(BDE_SUSPENDED), 'C')).toMatchObject({ state: 'not_encrypted', detail: expect.stringContaining('suspendu') });
    expect(parseManageBde(ok(BDE_ON_FR), 'C')).toMatchObject({ state: 'encrypted', method: 'BitLocker' });
  });

  it('answers unknown, saying administrator rights are needed, when manage-bde is refused (English or French)', async () => {
    const { status } = await windows({ outcome: 'not_found', code: null, stdout: '', stderr: '' }, failed(-2147024891, BDE_DENIED));
    expect(status).toEqual({
      state: 'unknown',
      method: null,
      detail: 'Windows réserve aux administrateurs la lecture de l’état BitLocker du lecteur D: (« manage-bde -status D: » dans une invite de commandes administrateur).',
    });
    expect(parseManageBde(failed(-2147024891, BDE_DENIED_FR), 'C').detail).toContain('réserve aux administrateurs');
    expect(parseManageBde({ outcome: 'not_found', code: null, stdout: '', stderr: '' }, 'C').detail).toContain('manage-bde absent');
  });

  it('finds the drive of a path, and answers unknown for a network share without running anything', async () => {
    expect(windowsVolume('c:\\Users\\agent\\AppData\\Roaming\\Atelier Covoiturage')).toEqual({ drive: 'C' });
    expect(windowsVolume('\\\\?\\E:\\base')).toEqual({ drive: 'E' });
    expect(windowsVolume('\\\\serveur\\partage\\atelier')).toEqual({ share: '\\\\serveur\\partage' });
    expect(windowsVolume('\\\\?\\UNC\\serveur\\partage\\atelier')).toEqual({ share: '\\\\serveur\\partage' });
    const { status, asked } = await windows(ok('1'), undefined, '\\\\serveur\\partage\\atelier');
    expect(status.state).toBe('unknown');
    expect(status.detail).toContain('partage réseau (\\\\serveur\\partage)');
    expect(asked).toHaveLength(0);
  });
});

describe('on this machine', () => {
  it('answers one of the three states, with a French detail, without throwing', async () => {
    const status = await diskEncryptionStatus(tmpdir());
    expect(['encrypted', 'not_encrypted', 'unknown']).toContain(status.state);
    expect(status.detail.length).toBeGreaterThan(10);
    if (status.state === 'encrypted') expect(status.method).not.toBeNull();
    else expect(status.method).toBeNull();
  });

  it('answers unknown on a system it does not know', async () => {
    expect((await diskEncryptionStatus('/', { platform: 'freebsd' })).state).toBe('unknown');
  });
});
