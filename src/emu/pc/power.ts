// The ports through which a Pintos kernel turns the machine off or restarts it, reported to a
// listener instead of acted on:
//   0x604  ACPI PM1a control of QEMU's PC machine; Pintos-KAIST's power_off writes 0x2000 (SLP_EN)
//   0xB004 the same register where older QEMU versions put it (older Pintos writes 0x2000 there)
//   0x4004 the same register on VirtualBox (0x3400)
//   0x8900 the Bochs / old QEMU shutdown port: the bytes of "Shutdown" in turn
//   0xCF9  the reset control register: bit 2 resets the CPU
//   0x92   system control port A: bit 0 is a fast reset, bit 1 the A20 gate
// Setting SLP_EN requests power-off whatever sleep type accompanies it: sleep states are not modelled.

import type { PortBus } from './port-bus';

export type PowerAction = 'power-off' | 'reboot';

/** A request to end or restart the machine, with the port write that made it. */
export interface PowerEvent {
  action: PowerAction;
  reason: string;
  port: number;
  value: number;
}

export type PowerListener = (event: PowerEvent) => void;

export interface PowerSnapshot {
  /** PM1a control register at each of 0x604, 0xB004, 0x4004 */
  pm1Control: number[];
  /** how many bytes of "Shutdown" have arrived in order at 0x8900 */
  shutdownMatched: number;
  resetControl: number;
  systemControlA: number;
}

const PM1_PORTS = [0x604, 0xb004, 0x4004];
const SLP_EN = 0x2000;
const SHUTDOWN = 'Shutdown';

/** The power-off and reset ports. */
export class PowerControl {
  private s: PowerSnapshot = { pm1Control: [0, 0, 0], shutdownMatched: 0, resetControl: 0, systemControlA: 0x02 };

  /** `listener` hears every power-off or reboot request. */
  constructor(private readonly listener: PowerListener) {}

  /** Claims the ports listed above on `bus`. */
  attach(bus: PortBus): void {
    PM1_PORTS.forEach((first, i) =>
      bus.register({
        first, count: 2, name: `acpi-pm1-control@${first.toString(16)}`, sizes: [1, 2],
        handler: {
          read: (port, size) => {
            const value = this.s.pm1Control[i] & ~SLP_EN;
            return size === 2 ? value : (value >> ((port - first) * 8)) & 0xff;
          },
          write: (port, size, value) => {
            const shift = size === 2 ? 0 : (port - first) * 8;
            const mask = size === 2 ? 0xffff : 0xff << shift;
            this.writePm1(i, first, (this.s.pm1Control[i] & ~mask) | ((value << shift) & mask));
          },
        },
      }),
    );
    bus.register({ first: 0x8900, count: 1, name: 'bochs-shutdown', handler: { read: () => 0xff, write: (_p, _s, v) => this.writeShutdownByte(v) } });
    bus.register({ first: 0xcf9, count: 1, name: 'reset-control', handler: { read: () => this.s.resetControl, write: (_p, _s, v) => this.writeResetControl(v) } });
    bus.register({ first: 0x92, count: 1, name: 'system-control-a', handler: { read: () => this.s.systemControlA, write: (_p, _s, v) => this.writeSystemControlA(v) } });
  }

  /** A copy of the ports' state. */
  snapshot(): PowerSnapshot {
    return { ...this.s, pm1Control: [...this.s.pm1Control] };
  }

  /** Puts back a state `snapshot` returned. */
  restore(snapshot: PowerSnapshot): void {
    this.s = { ...snapshot, pm1Control: [...snapshot.pm1Control] };
  }

  private writePm1(i: number, port: number, value: number): void {
    this.s.pm1Control[i] = value & ~SLP_EN;
    if (value & SLP_EN) {
      const type = (value >> 10) & 7;
      this.listener({ action: 'power-off', reason: `ACPI sleep enable (sleep type ${type}) at port 0x${port.toString(16)}`, port, value });
    }
  }

  private writeShutdownByte(value: number): void {
    const s = this.s;
    if (value === SHUTDOWN.charCodeAt(s.shutdownMatched)) s.shutdownMatched++;
    else s.shutdownMatched = value === SHUTDOWN.charCodeAt(0) ? 1 : 0;
    if (s.shutdownMatched === SHUTDOWN.length) {
      s.shutdownMatched = 0;
      this.listener({ action: 'power-off', reason: '"Shutdown" written to port 0x8900', port: 0x8900, value });
    }
  }

  private writeResetControl(value: number): void {
    this.s.resetControl = value & 0x0a;
    if (value & 0x04) this.listener({ action: 'reboot', reason: 'reset control register (0xcf9) reset the CPU', port: 0xcf9, value });
  }

  private writeSystemControlA(value: number): void {
    this.s.systemControlA = value & 0xfe;
    if (value & 0x01) this.listener({ action: 'reboot', reason: 'system control port A (0x92) fast reset', port: 0x92, value });
  }
}
