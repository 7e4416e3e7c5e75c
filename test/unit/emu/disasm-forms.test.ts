// Hand-picked encodings with the text GNU objdump 2.40 prints for them (`objdump -D -b binary
// -m i386:x86-64 --adjust-vma=0x401000`, whitespace collapsed), in AT&T and Intel syntax. These
// run without objdump; disasm-objdump.test.ts and disasm-table.test.ts compare with it directly.
import * as assert from 'node:assert';
import { disassembleRange } from '../../../src/emu/disasm/disassemble-range';
import { normaliseSpace } from '../../support/objdump';

const AT = 0x401000;

/** [bytes, AT&T, Intel], each at address 0x401000. */
const FORMS: ReadonlyArray<readonly [string, string, string]> = [
  ['55', 'push %rbp', 'push rbp'],
  ['48 89 e5', 'mov %rsp,%rbp', 'mov rbp,rsp'],
  ['c7 45 fc 00 00 00 00', 'movl $0x0,-0x4(%rbp)', 'mov DWORD PTR [rbp-0x4],0x0'],
  ['48 83 45 f0 01', 'addq $0x1,-0x10(%rbp)', 'add QWORD PTR [rbp-0x10],0x1'],
  ['48 b8 10 40 40 00 00 00 00 00', 'movabs $0x404010,%rax', 'movabs rax,0x404010'],
  ['49 bc ff ff ff ff ff ff ff ff', 'movabs $0xffffffffffffffff,%r12', 'movabs r12,0xffffffffffffffff'],
  ['0f b6 45 f4', 'movzbl -0xc(%rbp),%eax', 'movzx eax,BYTE PTR [rbp-0xc]'],
  ['48 0f be c0', 'movsbq %al,%rax', 'movsx rax,al'],
  ['48 63 d0', 'movslq %eax,%rdx', 'movsxd rdx,eax'],
  ['0f b7 c0', 'movzwl %ax,%eax', 'movzx eax,ax'],
  ['66 0f be c0', 'movsbw %al,%ax', 'movsx ax,al'],
  ['48 98', 'cltq', 'cdqe'],
  ['98', 'cwtl', 'cwde'],
  ['99', 'cltd', 'cdq'],
  ['48 99', 'cqto', 'cqo'],
  ['66 98', 'cbtw', 'cbw'],
  ['e8 fb 0f 00 00', 'call 0x402000', 'call 0x402000'],
  ['eb fe', 'jmp 0x401000', 'jmp 0x401000'],
  ['74 10', 'je 0x401012', 'je 0x401012'],
  ['0f 85 00 01 00 00', 'jne 0x401106', 'jne 0x401106'],
  ['48 8d 05 f9 2f 00 00', 'lea 0x2ff9(%rip),%rax # 0x404000', 'lea rax,[rip+0x2ff9] # 0x404000'],
  ['8b 05 f0 ff ff ff', 'mov -0x10(%rip),%eax # 0x400ff6', 'mov eax,DWORD PTR [rip+0xfffffffffffffff0] # 0x400ff6'],
  ['66 0f 1f 44 00 00', 'nopw 0x0(%rax,%rax,1)', 'nop WORD PTR [rax+rax*1+0x0]'],
  ['66 2e 0f 1f 84 00 00 00 00 00', 'cs nopw 0x0(%rax,%rax,1)', 'cs nop WORD PTR [rax+rax*1+0x0]'],
  ['66 66 2e 0f 1f 84 00 00 00 00 00', 'data16 cs nopw 0x0(%rax,%rax,1)', 'data16 cs nop WORD PTR [rax+rax*1+0x0]'],
  ['0f 1f 40 00', 'nopl 0x0(%rax)', 'nop DWORD PTR [rax+0x0]'],
  ['0f 1f 00', 'nopl (%rax)', 'nop DWORD PTR [rax]'],
  ['66 90', 'xchg %ax,%ax', 'xchg ax,ax'],
  ['90', 'nop', 'nop'],
  ['f3 48 ab', 'rep stos %rax,%es:(%rdi)', 'rep stos QWORD PTR es:[rdi],rax'],
  ['f3 aa', 'rep stos %al,%es:(%rdi)', 'rep stos BYTE PTR es:[rdi],al'],
  ['f3 a6', 'repz cmpsb %es:(%rdi),%ds:(%rsi)', 'repz cmps BYTE PTR ds:[rsi],BYTE PTR es:[rdi]'],
  ['f2 ae', 'repnz scas %es:(%rdi),%al', 'repnz scas al,BYTE PTR es:[rdi]'],
  ['48 a5', 'movsq %ds:(%rsi),%es:(%rdi)', 'movs QWORD PTR es:[rdi],QWORD PTR ds:[rsi]'],
  ['3e ff e0', 'notrack jmp *%rax', 'notrack jmp rax'],
  ['3e ff 24 d5 00 20 40 00', 'notrack jmp *0x402000(,%rdx,8)', 'notrack jmp QWORD PTR [rdx*8+0x402000]'],
  ['ff d0', 'call *%rax', 'call rax'],
  ['ff 15 10 00 00 00', 'call *0x10(%rip) # 0x401016', 'call QWORD PTR [rip+0x10] # 0x401016'],
  ['ff 24 c5 00 10 40 00', 'jmp *0x401000(,%rax,8)', 'jmp QWORD PTR [rax*8+0x401000]'],
  ['f3 0f 1e fa', 'endbr64', 'endbr64'],
  ['f0 48 0f b1 0a', 'lock cmpxchg %rcx,(%rdx)', 'lock cmpxchg QWORD PTR [rdx],rcx'],
  ['f0 ff 00', 'lock incl (%rax)', 'lock inc DWORD PTR [rax]'],
  ['f2 c3', 'bnd ret', 'bnd ret'],
  ['f3 c3', 'repz ret', 'repz ret'],
  ['c2 08 00', 'ret $0x8', 'ret 0x8'],
  ['64 48 8b 04 25 28 00 00 00', 'mov %fs:0x28,%rax', 'mov rax,QWORD PTR fs:0x28'],
  ['d1 e0', 'shl %eax', 'shl eax,1'],
  ['d3 65 fc', 'shll %cl,-0x4(%rbp)', 'shl DWORD PTR [rbp-0x4],cl'],
  ['48 c1 e8 3f', 'shr $0x3f,%rax', 'shr rax,0x3f'],
  ['6a ff', 'push $0xffffffffffffffff', 'push 0xffffffffffffffff'],
  ['68 00 10 00 00', 'push $0x1000', 'push 0x1000'],
  ['66 6a ff', 'pushw $0xffff', 'pushw 0xffff'],
  ['48 83 e4 f0', 'and $0xfffffffffffffff0,%rsp', 'and rsp,0xfffffffffffffff0'],
  ['6b c0 c0', 'imul $0xffffffc0,%eax,%eax', 'imul eax,eax,0xffffffc0'],
  ['48 69 c0 e8 03 00 00', 'imul $0x3e8,%rax,%rax', 'imul rax,rax,0x3e8'],
  ['48 0f af c2', 'imul %rdx,%rax', 'imul rax,rdx'],
  ['0f 94 c0', 'sete %al', 'sete al'],
  ['0f 9f 45 ff', 'setg -0x1(%rbp)', 'setg BYTE PTR [rbp-0x1]'],
  ['40 88 c6', 'mov %al,%sil', 'mov sil,al'],
  ['40 88 e0', 'mov %spl,%al', 'mov al,spl'],
  ['40 88 c2', 'rex mov %al,%dl', 'rex mov dl,al'],
  ['48 0f 44 c2', 'cmove %rdx,%rax', 'cmove rax,rdx'],
  ['cd 42', 'int $0x42', 'int 0x42'],
  ['0f 05', 'syscall', 'syscall'],
  ['c9', 'leave', 'leave'],
  ['f4', 'hlt', 'hlt'],
  ['0f 0b', 'ud2', 'ud2'],
  ['48 0f c8', 'bswap %rax', 'bswap rax'],
  ['f3 48 0f bc c0', 'tzcnt %rax,%rax', 'tzcnt rax,rax'],
  ['f3 0f b8 c1', 'popcnt %ecx,%eax', 'popcnt eax,ecx'],
  ['0f a3 c8', 'bt %ecx,%eax', 'bt eax,ecx'],
  ['0f ba 20 03', 'btl $0x3,(%rax)', 'bt DWORD PTR [rax],0x3'],
  ['48 90', 'rex.W nop', 'rex.W nop'],
  ['4c 8b 2c 24', 'mov (%rsp),%r13', 'mov r13,QWORD PTR [rsp]'],
  ['8b 04 20', 'mov (%rax,%riz,1),%eax', 'mov eax,DWORD PTR [rax+riz*1]'],
  ['8b 04 25 40 10 60 00', 'mov 0x601040,%eax', 'mov eax,DWORD PTR ds:0x601040'],
  ['8b 04 c5 f8 ff ff ff', 'mov -0x8(,%rax,8),%eax', 'mov eax,DWORD PTR [rax*8-0x8]'],
  ['48 8d 04 c5 00 00 00 00', 'lea 0x0(,%rax,8),%rax', 'lea rax,[rax*8+0x0]'],
  ['a0 08 00 00 00 00 00 00 00', 'movabs 0x8,%al', 'movabs al,ds:0x8'],
  ['48 a3 10 40 40 00 00 00 00 00', 'movabs %rax,0x404010', 'movabs ds:0x404010,rax'],
  ['87 00', 'xchg %eax,(%rax)', 'xchg DWORD PTR [rax],eax'],
  ['4d 87 c8', 'xchg %r9,%r8', 'xchg r8,r9'],
  ['48 0f a4 c2 04', 'shld $0x4,%rax,%rdx', 'shld rdx,rax,0x4'],
  ['48 0f ad d0', 'shrd %cl,%rdx,%rax', 'shrd rax,rdx,cl'],
  ['f6 c1 01', 'test $0x1,%cl', 'test cl,0x1'],
  ['f6 00 01', 'testb $0x1,(%rax)', 'test BYTE PTR [rax],0x1'],
  ['3e 74 00', 'je,pt 0x401003', 'ds je 0x401003'],
  ['2e ff e0', 'cs jmp *%rax', 'cs jmp rax'],
  ['67 8b 00', 'mov (%eax),%eax', 'mov eax,DWORD PTR [eax]'],
  ['f3 89 03', 'xrelease mov %eax,(%rbx)', 'xrelease mov DWORD PTR [rbx],eax'],
  ['f2 87 03', 'xacquire xchg %eax,(%rbx)', 'xacquire xchg DWORD PTR [rbx],eax'],
  ['48 c7 c0 ff ff ff ff', 'mov $0xffffffffffffffff,%rax', 'mov rax,0xffffffffffffffff'],
  ['e9 00 00 00 00', 'jmp 0x401005', 'jmp 0x401005'],
  ['c3', 'ret', 'ret'],
];

function bytesOf(hex: string): number[] {
  return hex.split(' ').map((b) => parseInt(b, 16));
}

/** Disassembles the one instruction in `hex` at 0x401000. */
function textOf(hex: string, syntax: 'att' | 'intel'): string {
  const rows = disassembleRange(bytesOf(hex), AT, { syntax });
  assert.strictEqual(rows.length, 1, `${hex} decoded as ${rows.length} instructions`);
  return normaliseSpace(rows[0].text);
}

describe('disassembler: hand-picked forms', function () {
  for (const [hex, att, intel] of FORMS) {
    it(`${hex}: ${att}`, function () {
      assert.strictEqual(textOf(hex, 'att'), att);
      assert.strictEqual(textOf(hex, 'intel'), intel);
    });
  }
});
