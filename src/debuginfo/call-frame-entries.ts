// Parsing of call-frame information: CIEs and FDEs of .debug_frame and .eh_frame
// (including the .eh_frame pointer encodings and augmentation strings).
import { ByteReader, DecodeError } from './byte-reader';

export interface CommonInfo {
  offset: number;
  codeAlign: number;
  dataAlign: number;
  returnRegister: number;
  /** Encoding of FDE addresses (.eh_frame 'R' augmentation; absolute otherwise). */
  pointerEncoding: number;
  hasAugmentationData: boolean;
  signalFrame: boolean;
  initialInstructions: Uint8Array;
  addressSize: number;
}

export interface FrameDescription {
  offset: number;
  cie: CommonInfo;
  low: number;
  high: number;
  instructions: Uint8Array;
}

const DW_EH_PE_omit = 0xff;

/** Where the section is loaded, for pc-relative pointers in .eh_frame. */
interface SectionPlace {
  bytes: Uint8Array;
  address: number;
  isEh: boolean;
}

/** Reads a pointer in .eh_frame encoding `encoding`; `r.pos` is the pointer's section offset. */
function readEncoded(r: ByteReader, encoding: number, place: SectionPlace): number {
  if (encoding === DW_EH_PE_omit) return 0;
  const fieldAddress = place.address + r.pos;
  let value: number;
  switch (encoding & 0x0f) {
    case 0x00: value = r.u64(); break;
    case 0x01: value = r.uleb(); break;
    case 0x02: value = r.u16(); break;
    case 0x03: value = r.u32(); break;
    case 0x04: value = r.u64(); break;
    case 0x09: value = r.sleb(); break;
    case 0x0a: value = r.i16(); break;
    case 0x0b: value = r.i32(); break;
    case 0x0c: value = Number(r.i64big()); break;
    default: throw new DecodeError(`unsupported pointer encoding 0x${encoding.toString(16)}`);
  }
  switch (encoding & 0x70) {
    case 0x00: break;
    case 0x10: value += fieldAddress; break; // pcrel
    default: throw new DecodeError(`unsupported pointer application 0x${encoding.toString(16)}`);
  }
  return value;
}

function readCie(place: SectionPlace, offset: number, start: number, end: number): CommonInfo {
  const r = new ByteReader(place.bytes, start, end);
  const version = r.u8();
  if (version !== 1 && version !== 3 && version !== 4) throw new DecodeError(`unsupported CIE version ${version}`);
  const augmentation = r.cstring();
  let addressSize = 8;
  if (version === 4) {
    addressSize = r.u8();
    r.u8(); // segment selector size
  }
  if (augmentation.includes('eh')) r.skip(8);
  const codeAlign = r.uleb();
  const dataAlign = r.sleb();
  const returnRegister = version === 1 ? r.u8() : r.uleb();
  const cie: CommonInfo = {
    offset, codeAlign, dataAlign, returnRegister, pointerEncoding: 0, hasAugmentationData: false,
    signalFrame: false, initialInstructions: new Uint8Array(0), addressSize,
  };
  if (augmentation.startsWith('z')) {
    cie.hasAugmentationData = true;
    const length = r.uleb();
    const dataEnd = r.pos + length;
    for (const ch of augmentation.slice(1)) {
      if (ch === 'R') cie.pointerEncoding = r.u8();
      else if (ch === 'L') r.u8();
      else if (ch === 'P') readEncoded(r, r.u8() & 0x7f, place);
      else if (ch === 'S') cie.signalFrame = true;
      else break;
    }
    r.pos = dataEnd;
  }
  cie.initialInstructions = r.bytesView(r.remaining());
  return cie;
}

/**
 * Reads every FDE of a .debug_frame (`isEh` false) or .eh_frame (`isEh` true) section loaded
 * at `address`. Entries that cannot be read are skipped with a warning. Never throws.
 */
export function readFrameEntries(bytes: Uint8Array, address: number, isEh: boolean, warnings: string[]): FrameDescription[] {
  const place: SectionPlace = { bytes, address, isEh };
  const cies = new Map<number, CommonInfo>();
  const fdes: FrameDescription[] = [];
  const name = isEh ? '.eh_frame' : '.debug_frame';
  let offset = 0;
  while (offset + 4 <= bytes.length) {
    const r = new ByteReader(bytes, offset);
    let end: number;
    try {
      const length = r.initialLength();
      end = length.end;
      if (end === r.pos && isEh) break; // zero terminator
      if (end > bytes.length) throw new DecodeError('entry runs past the section');
      const idPos = r.pos;
      const id = r.offset(length.offsetSize);
      const isCie = isEh ? id === 0 : length.offsetSize === 4 ? id === 0xffffffff : id >= 2 ** 64 - 1;
      if (isCie) {
        cies.set(offset, readCie(place, offset, r.pos, end));
      } else {
        const cieOffset = isEh ? idPos - id : id;
        let cie = cies.get(cieOffset);
        if (!cie) {
          cie = readCieAt(place, cieOffset);
          cies.set(cieOffset, cie);
        }
        fdes.push(readFde(place, offset, cie, r.pos, end));
      }
    } catch (error) {
      warnings.push(`${name} entry at 0x${offset.toString(16)}: ${(error as Error).message}`);
      break;
    }
    if (end <= offset) break;
    offset = end;
  }
  return fdes;
}

function readCieAt(place: SectionPlace, offset: number): CommonInfo {
  const r = new ByteReader(place.bytes, offset);
  const { end, offsetSize } = r.initialLength();
  r.offset(offsetSize);
  return readCie(place, offset, r.pos, Math.min(end, place.bytes.length));
}

function readFde(place: SectionPlace, offset: number, cie: CommonInfo, start: number, end: number): FrameDescription {
  const r = new ByteReader(place.bytes, start, end);
  let low: number;
  let length: number;
  if (place.isEh) {
    low = readEncoded(r, cie.pointerEncoding, place);
    length = readEncoded(r, cie.pointerEncoding & 0x0f, place);
  } else {
    low = r.uint(cie.addressSize);
    length = r.uint(cie.addressSize);
  }
  if (cie.hasAugmentationData) r.skip(r.uleb());
  return { offset, cie, low, high: low + length, instructions: r.bytesView(r.remaining()) };
}
