import { crc32, deflateRawSync } from 'node:zlib';

/** One member of `zipArchive`. */
export interface ZipMember {
  name: string;
  data: Buffer;
  /** Deflated (default) or stored. */
  deflate?: boolean;
  /** The uncompressed size the member declares (default: its real size), or a function of its compressed size: a member may lie. */
  declaredSize?: number | ((compressed: number) => number);
  /** Overwrites 64 bytes of the compressed data (a damaged archive). */
  corrupt?: boolean;
}

/**
 * A zip written by hand, byte by byte, for tests of hostile archives that no zip library writes (a member lying about
 * its size, damaged data).
 */
export function zipArchive(members: readonly ZipMember[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const member of members) {
    const name = Buffer.from(member.name, 'utf8');
    const deflate = member.deflate ?? true;
    let body = deflate ? deflateRawSync(member.data) : member.data;
    if (member.corrupt) {
      body = Buffer.from(body);
      for (let i = Math.floor(body.length / 3); i < Math.floor(body.length / 3) + 64 && i < body.length; i += 1) body[i] = 0xff;
    }
    const crc = crc32(member.data);
    const size = typeof member.declaredSize === 'function' ? member.declaredSize(body.length) : (member.declaredSize ?? member.data.length);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x5b7c, 12); // 2025-11-28
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(deflate ? 8 : 0, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x5b7c, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
