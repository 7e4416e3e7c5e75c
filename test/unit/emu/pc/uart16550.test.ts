import { strict as assert } from 'node:assert';
import { PicPair } from '../../../../src/emu/pc/pic8259';
import { PortBus } from '../../../../src/emu/pc/port-bus';
import { Uart16550 } from '../../../../src/emu/pc/uart16550';
import { inb, outb, picInit, serviceInterrupts } from './pintos-io';

const COM1 = 0x3f8;
const [THR, IER, IIR, LCR, MCR, LSR, MSR, SCR] = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => COM1 + i);
const FCR = IIR;

function setup() {
  const bus = new PortBus();
  const pic = new PicPair();
  const out: number[] = [];
  const uart = new Uart16550(pic.line(4), (b) => out.push(b));
  pic.attach(bus);
  uart.attach(bus);
  picInit(bus);
  return { bus, pic, uart, out, text: () => String.fromCharCode(...out) };
}

/**
 * The serial driver of a Pintos kernel, as port traffic: polled output until interrupts are set up,
 * then a transmit queue drained by THRE interrupts; received bytes go to an input buffer.
 */
class SerialDriver {
  mode: 'uninit' | 'poll' | 'queue' = 'uninit';
  txq: number[] = [];
  input: number[] = [];
  inputCapacity = 8;
  irqs = 0;

  constructor(readonly f: ReturnType<typeof setup>) {}

  initPoll() {
    const { bus } = this.f;
    outb(bus, IER, 0); // all interrupts off
    outb(bus, FCR, 0); // FIFO off
    outb(bus, LCR, 0x83); // N-8-1, DLAB
    outb(bus, COM1, 1); // divisor 1: 115,200 bps
    outb(bus, COM1 + 1, 0);
    outb(bus, LCR, 0x03);
    outb(bus, MCR, 0x08); // OUT2
    this.mode = 'poll';
  }

  /** Switches to interrupt-driven transmit; interrupts are enabled again afterwards. */
  initQueue() {
    if (this.mode === 'uninit') this.initPoll();
    this.mode = 'queue';
    this.writeIer();
    this.cpuTakesInterrupts();
  }

  putc(byte: number) {
    if (this.mode !== 'queue') {
      if (this.mode === 'uninit') this.initPoll();
      this.putcPoll(byte);
      return;
    }
    this.txq.push(byte);
    this.writeIer();
    this.cpuTakesInterrupts();
  }

  writeIer() {
    outb(this.f.bus, IER, (this.txq.length > 0 ? 0x02 : 0) | (this.input.length < this.inputCapacity ? 0x01 : 0));
  }

  putcPoll(byte: number) {
    while ((inb(this.f.bus, LSR) & 0x20) === 0) continue;
    outb(this.f.bus, THR, byte);
  }

  interrupt() {
    const { bus } = this.f;
    this.irqs++;
    inb(bus, IIR);
    while (this.input.length < this.inputCapacity && inb(bus, LSR) & 0x01) this.input.push(inb(bus, COM1));
    while (this.txq.length > 0 && inb(bus, LSR) & 0x20) outb(bus, THR, this.txq.shift()!);
    this.writeIer();
  }

  cpuTakesInterrupts() {
    return serviceInterrupts(this.f.bus, this.f.pic, new Map([[0x24, () => this.interrupt()]]));
  }
}

describe('pc: 16550A UART', () => {
  it('the polled init sets 115,200 bps N-8-1 and polled output reaches the sink without interrupts', () => {
    const f = setup();
    const driver = new SerialDriver(f);
    for (const c of 'Kernel command line: -q run alarm-single\n') driver.putc(c.charCodeAt(0));
    assert.equal(f.text(), 'Kernel command line: -q run alarm-single\n');
    assert.equal(f.uart.divisor, 1);
    assert.equal(inb(f.bus, LCR), 0x03);
    assert.equal(f.pic.pending(), false);
  });

  it('after serial_init_queue, output goes through THRE interrupts and the interrupt line drops after each burst', () => {
    // Writing THR in the handler empties it again at once, a second rising edge the PIC latches
    // (as under QEMU): each byte costs its THRE interrupt plus one that finds nothing to do.
    const f = setup();
    const driver = new SerialDriver(f);
    driver.putc('['.charCodeAt(0));
    driver.initQueue();
    assert.equal(inb(f.bus, IER), 0x01, 'only receive interrupts while the queue is empty');
    for (const c of 'Boot complete.\n') driver.putc(c.charCodeAt(0));
    assert.equal(f.text(), '[Boot complete.\n');
    assert.equal(driver.irqs, 2 * 'Boot complete.\n'.length);
    assert.equal(f.pic.pending(), false);
  });

  it('bytes queued with interrupts off all go out, in order, on the next THRE interrupt', () => {
    const f = setup();
    const driver = new SerialDriver(f);
    driver.initQueue();
    for (const c of 'abc') {
      driver.txq.push(c.charCodeAt(0));
      driver.writeIer();
    }
    assert.equal(f.text(), '');
    assert.deepEqual(driver.cpuTakesInterrupts(), [0x24, 0x24]);
    assert.equal(f.text(), 'abc');
  });

  it('IIR names THRE once; reading it clears the condition until THR is written or IER re-arms it', () => {
    const f = setup();
    new SerialDriver(f).initPoll();
    outb(f.bus, IER, 0x02);
    assert.equal(inb(f.bus, IIR), 0x02);
    assert.equal(inb(f.bus, IIR), 0x01);
    outb(f.bus, THR, 0x41);
    assert.equal(inb(f.bus, IIR), 0x02);
    outb(f.bus, IER, 0x00);
    outb(f.bus, IER, 0x02);
    assert.equal(inb(f.bus, IIR), 0x02);
  });

  it('received bytes raise receive interrupts and are read while LSR shows data ready', () => {
    const f = setup();
    const driver = new SerialDriver(f);
    driver.initQueue();
    f.uart.receive('hi!');
    driver.cpuTakesInterrupts();
    assert.deepEqual(String.fromCharCode(...driver.input), 'hi!');
    assert.equal(inb(f.bus, LSR) & 0x01, 0);
  });

  it('with its input buffer full the driver turns receive interrupts off and the bytes wait', () => {
    const f = setup();
    const driver = new SerialDriver(f);
    driver.inputCapacity = 2;
    driver.initQueue();
    f.uart.receive('wxyz');
    driver.cpuTakesInterrupts();
    assert.deepEqual(String.fromCharCode(...driver.input), 'wx');
    assert.equal(inb(f.bus, IER), 0x00);
    driver.input = [];
    driver.writeIer();
    driver.cpuTakesInterrupts();
    assert.deepEqual(String.fromCharCode(...driver.input), 'yz');
  });

  it('LSR always shows the transmitter empty; FIFO mode sets IIR bits 7-6 and takes sixteen bytes', () => {
    const f = setup();
    assert.equal(inb(f.bus, LSR), 0x60);
    outb(f.bus, FCR, 0xc7);
    assert.equal(inb(f.bus, IIR), 0xc1);
    f.uart.receive(new Array(20).fill(0x30));
    outb(f.bus, IER, 0x01);
    assert.equal(inb(f.bus, IIR), 0xc4, '16 bytes reach the trigger level of 14');
    let n = 0;
    while (inb(f.bus, LSR) & 1) {
      inb(f.bus, COM1);
      n++;
    }
    assert.equal(n, 20);
  });

  it('no interrupt reaches the PIC without OUT2, though IIR reports it', () => {
    const f = setup();
    outb(f.bus, IER, 0x02);
    assert.equal(f.pic.pending(), false);
    assert.equal(inb(f.bus, IIR), 0x02);
  });

  it('loopback sends THR to RBR and MCR outputs to MSR inputs', () => {
    const f = setup();
    outb(f.bus, MCR, 0x1f);
    outb(f.bus, THR, 0x5a);
    assert.deepEqual(f.out, []);
    assert.equal(inb(f.bus, LSR) & 0x01, 1);
    assert.equal(inb(f.bus, COM1), 0x5a);
    assert.equal(inb(f.bus, MSR) & 0xf0, 0xf0);
    outb(f.bus, MCR, 0x10);
    assert.equal(inb(f.bus, MSR), 0x0f, 'CTS, DSR and DCD fell; RI trailing edge');
    outb(f.bus, THR, 1);
    outb(f.bus, THR, 2);
    assert.equal(inb(f.bus, LSR) & 0x03, 0x03, 'the second byte overran the one-byte buffer');
    assert.equal(inb(f.bus, LSR) & 0x02, 0, 'reading LSR clears the overrun');
  });

  it('the divisor latch and scratch register hold their values', () => {
    const f = setup();
    outb(f.bus, LCR, 0x80);
    outb(f.bus, COM1, 0x0c);
    outb(f.bus, COM1 + 1, 0x00);
    assert.equal(inb(f.bus, COM1), 0x0c);
    outb(f.bus, LCR, 0x03);
    outb(f.bus, SCR, 0xa5);
    assert.equal(inb(f.bus, SCR), 0xa5);
    assert.equal(f.uart.divisor, 12);
  });

  it('snapshot and restore: replaying the same port traffic and input gives the same transcript', () => {
    const f = setup();
    const driver = new SerialDriver(f);
    driver.initQueue();
    f.uart.receive('q');
    const s = { uart: JSON.parse(JSON.stringify(f.uart.snapshot())), pic: f.pic.snapshot(), out: f.out.length };
    const replay = () => {
      f.out.length = s.out;
      const d = new SerialDriver(f);
      d.mode = 'queue';
      d.cpuTakesInterrupts();
      for (const c of 'echo') d.putc(c.charCodeAt(0));
      return [f.text().slice(s.out), d.input];
    };
    const first = replay();
    f.uart.restore(s.uart);
    f.pic.restore(s.pic);
    assert.deepEqual(replay(), first);
    assert.deepEqual(first, ['echo', [0x71]]);
  });
});
