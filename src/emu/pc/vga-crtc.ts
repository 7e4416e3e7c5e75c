// The VGA CRT controller's index and data ports (0x3D4, 0x3D5): a register file only, no display.
// A Pintos kernel reads the text cursor position from registers 0x0E and 0x0F before its first
// console write and updates them after each; with the ports unclaimed it would read 0xFFFF and
// write its first character far past the 80x25 text buffer at 0xB8000.

import type { PortBus } from './port-bus';

export interface CrtcSnapshot {
  index: number;
  registers: number[];
}

const REGISTER_COUNT = 0x19;

/** The CRT controller's registers; the cursor starts at the top left. */
export class VgaCrtc {
  private s: CrtcSnapshot = { index: 0, registers: new Array<number>(REGISTER_COUNT).fill(0) };

  /** Claims ports 0x3D4-0x3D5 on `bus` (a 16-bit write to 0x3D4 sets index and data, as on the card). */
  attach(bus: PortBus): void {
    bus.register({
      first: 0x3d4, count: 2, name: 'vga-crtc',
      handler: {
        read: (port) => (port === 0x3d4 ? this.s.index : this.s.index < REGISTER_COUNT ? this.s.registers[this.s.index] : 0xff),
        write: (port, _size, value) => {
          if (port === 0x3d4) this.s.index = value;
          else if (this.s.index < REGISTER_COUNT) this.s.registers[this.s.index] = value;
        },
      },
    });
  }

  /** The text cursor position (row * 80 + column) from registers 0x0E and 0x0F. */
  get cursor(): number {
    return (this.s.registers[0x0e] << 8) | this.s.registers[0x0f];
  }

  /** A copy of the registers. */
  snapshot(): CrtcSnapshot {
    return { index: this.s.index, registers: [...this.s.registers] };
  }

  /** Puts back a state `snapshot` returned. */
  restore(snapshot: CrtcSnapshot): void {
    this.s = { index: snapshot.index, registers: [...snapshot.registers] };
  }
}
