// The make-variable reader of `pintos-vm check` on the constructs of Pintos makefiles, and the
// shell splitting of the commands built from them.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { MakeDatabase } from '../../../src/cli/check/make-database';
import { shellWords } from '../../../src/cli/check/shell-words';

/** A database that has read `text` as a makefile in a fresh directory. */
function read(text: string): MakeDatabase {
  const db = new MakeDatabase(mkdtempSync(path.join(tmpdir(), 'make-')));
  db.evaluate(text, 'Makefile');
  return db;
}

const outputOf = (test: string, automatic: Record<string, string> = {}) => ({
  target: `${test}.output`,
  automatic: { '@': `${test}.output`, '*': test, ...automatic },
});

describe('pintos-vm check: make-variable reader', () => {
  it('joins backslash-continued lines (tabs and spaces around the break become one space)', () => {
    const db = read('tests/vm_TESTS = $(addprefix tests/vm/,pt-grow-stack\tpt-grow-bad \\\n\tmmap-read \\\n   mmap-close)\n');
    assert.equal(db.value('tests/vm_TESTS'), 'tests/vm/pt-grow-stack tests/vm/pt-grow-bad tests/vm/mmap-read tests/vm/mmap-close');
  });

  it('expands references lazily for =, at once for :=, appends with +=, and keeps the first ?=', () => {
    const db = read(['A = $(B) one', 'S := $(B) now', 'B = two', 'A += three', 'S += $(B)', 'C ?= first', 'C ?= second'].join('\n'));
    assert.equal(db.value('A'), 'two one three');
    assert.equal(db.value('S'), ' now two', 'B was empty when S was set');
    assert.equal(db.value('C'), 'first');
  });

  it('evaluates computed names, foreach over TEST_SUBDIRS, addprefix and a list built from other lists', () => {
    const db = read(
      [
        'TEST_SUBDIRS = tests/userprog tests/vm',
        'TEST_SUBDIRS += tests/vm/cow',
        'tests/userprog_TESTS = $(addprefix tests/userprog/,args-single exec-once)',
        'tests/vm_TESTS = $(addprefix tests/vm/,mmap-read)',
        'tests/vm/cow_TESTS = $(addprefix tests/vm/cow/cow-, simple)',
        'tests/vm_PROGS = $(tests/vm_TESTS) $(addprefix tests/vm/,child-linear child-sort)',
        'TESTS = $(foreach d,$(TEST_SUBDIRS),$($(d)_TESTS))',
      ].join('\n'),
    );
    assert.equal(db.value('TESTS'), 'tests/userprog/args-single tests/userprog/exec-once tests/vm/mmap-read tests/vm/cow/cow-simple');
    assert.equal(db.value('tests/vm_PROGS'), 'tests/vm/mmap-read tests/vm/child-linear tests/vm/child-sort');
  });

  it('keeps the spaces inside a value (_ARGS with two spaces) and strips comments but not \\#', () => {
    const db = read(['tests/userprog/args-dbl-space_ARGS = two  spaces!  # a comment', 'HASH = a\\#b'].join('\n'));
    assert.equal(db.value('tests/userprog/args-dbl-space_ARGS'), 'two  spaces!');
    assert.equal(db.value('HASH'), 'a#b');
  });

  it('applies target-specific and pattern-specific values only to their target, later ones winning', () => {
    const db = read(
      [
        'TIMEOUT = 60',
        'MEMORY = 20',
        'KERNELFLAGS =',
        'tests/vm/page-linear.output: TIMEOUT = 300',
        'tests/vm/swap-anon.output: MEMORY = 10',
        'tests/userprog/no-vm/multi-oom.output: TIMEOUT = 360 -m 20',
        'tests/%.output: FSDISK = 10',
        'tests/threads/%.output: KERNELFLAGS += -threads-tests',
      ].join('\n'),
    );
    assert.equal(db.value('TIMEOUT', outputOf('tests/vm/page-linear')), '300');
    assert.equal(db.value('TIMEOUT', outputOf('tests/vm/swap-anon')), '60');
    assert.equal(db.value('MEMORY', outputOf('tests/vm/swap-anon')), '10');
    assert.equal(db.value('TIMEOUT', outputOf('tests/userprog/no-vm/multi-oom')), '360 -m 20');
    assert.equal(db.value('FSDISK', outputOf('tests/vm/mmap-read')), '10');
    assert.equal(db.value('FSDISK'), '', 'not set outside the pattern');
    assert.equal(db.value('KERNELFLAGS', outputOf('tests/threads/alarm-single')), '-threads-tests');
    assert.equal(db.value('KERNELFLAGS', outputOf('tests/vm/mmap-read')), '');
  });

  it("evaluates PUTFILES = $(filter-out os.dsk, $^) with the target's prerequisites", () => {
    const db = read('tests/%.output: PUTFILES = $(filter-out os.dsk, $^)\n');
    const context = outputOf('tests/vm/mmap-read', { '^': 'os.dsk tests/vm/mmap-read ../../tests/vm/sample.txt' });
    assert.equal(db.value('PUTFILES', context), 'tests/vm/mmap-read ../../tests/vm/sample.txt');
    assert.equal(db.expand('$(foreach f,$(PUTFILES),-p $(f):$(notdir $(f)))', context), '-p tests/vm/mmap-read:mmap-read -p ../../tests/vm/sample.txt:sample.txt');
    assert.equal(db.expand("run '$(*F)' in $(@D)", context), "run 'mmap-read' in tests/vm");
  });

  it('runs $(eval) inside foreach, and records rules and += on _PUTFILES', () => {
    const db = read(
      [
        'tests/userprog_PROGS = tests/userprog/exec-once tests/userprog/child-simple',
        'tests/userprog/exec-once_PUTFILES += tests/userprog/child-simple',
        '$(foreach p,$(tests/userprog_PROGS),$(eval $(p)_SRC += tests/lib.c))',
        '$(foreach p,$(filter tests/userprog/exec-%,$(tests/userprog_PROGS)),$(eval $(p).output: $(p)))',
      ].join('\n'),
    );
    assert.equal(db.value('tests/userprog/exec-once_SRC'), 'tests/lib.c');
    assert.equal(db.value('tests/userprog/exec-once_PUTFILES'), 'tests/userprog/child-simple');
    assert.deepEqual(db.rules.get('tests/userprog/exec-once.output'), ['tests/userprog/exec-once']);
  });

  it('skips recipes, so `if=/dev/zero` in a dd command is not an assignment', () => {
    const db = read(['tests/vm/zeros:', '\tdd if=/dev/zero of=$@ bs=1024 count=6', 'AFTER = yes', 'include_dirs = not a directive'].join('\n'));
    assert.equal(db.value('if'), '');
    assert.deepEqual(db.rules.get('tests/vm/zeros'), []);
    assert.equal(db.value('AFTER'), 'yes');
    assert.equal(db.value('include_dirs'), 'not a directive');
  });

  it('follows ifeq/ifneq/ifdef/else/endif, including nested and `else ifeq`', () => {
    const db = read(
      [
        'KERNEL_SUBDIRS = threads userprog vm',
        'ifeq ($(filter userprog, $(KERNEL_SUBDIRS)), userprog)',
        '  HAS_USERPROG = yes',
        '  ifdef NOT_SET',
        '    WRONG = 1',
        '  else',
        '    NESTED = ok',
        '  endif',
        'else',
        '  HAS_USERPROG = no',
        'endif',
        'ifneq "$(SIMULATOR)" ""',
        '  SIM = set',
        'else ifeq ($(words $(KERNEL_SUBDIRS)),3)',
        '  SIM = three-subdirs',
        'else',
        '  SIM = other',
        'endif',
      ].join('\n'),
    );
    assert.equal(db.value('HAS_USERPROG'), 'yes');
    assert.equal(db.value('NESTED'), 'ok');
    assert.equal(db.value('WRONG'), '');
    assert.equal(db.value('SIM'), 'three-subdirs');
  });

  it('reads define ... endef, call with arguments, patsubst and substitution references', () => {
    const db = read(
      [
        'define TWO_LINES',
        'first',
        'second',
        'endef',
        'greet = hello $(1) and $(2)',
        'CALLED = $(call greet,a,b)',
        'SRCS = a.c dir/b.c',
        'OBJS = $(SRCS:.c=.o) $(patsubst %.c,%.d,$(SRCS))',
      ].join('\n'),
    );
    assert.equal(db.value('TWO_LINES'), 'first\nsecond');
    assert.equal(db.value('CALLED'), 'hello a and b');
    assert.equal(db.value('OBJS'), 'a.o dir/b.o a.d dir/b.d');
  });

  it('includes files relative to the directory make runs in, named through a foreach over TEST_SUBDIRS', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'make-'));
    const build = path.join(root, 'vm', 'build');
    mkdirSync(build, { recursive: true });
    mkdirSync(path.join(root, 'tests', 'vm'), { recursive: true });
    writeFileSync(path.join(root, 'tests', 'vm', 'Make.tests'), 'tests/vm_TESTS = tests/vm/one\n');
    writeFileSync(path.join(root, 'tests', 'Make.tests'), 'include $(foreach d,$(TEST_SUBDIRS),$(SRCDIR)/$(d)/Make.tests)\n-include $(SRCDIR)/no/such/file\n');
    const db = new MakeDatabase(build);
    db.assign('SRCDIR', '=', '../..');
    db.assign('TEST_SUBDIRS', '=', 'tests/vm');
    assert.equal(db.readFile('../../tests/Make.tests'), true);
    assert.equal(db.value('tests/vm_TESTS'), 'tests/vm/one');
    assert.deepEqual(db.warnings, [], '-include of a missing file is silent');
  });

  it('records what it does not do, without failing: $(shell), a self-reference, a missing include', () => {
    const db = read(['OS = $(shell uname -s)', 'LOOP = $(LOOP) x', 'include nowhere.mk', 'X := $(OS)$(LOOP)'].join('\n'));
    assert.equal(db.value('OS'), '');
    assert.equal(db.value('X').trim(), 'x');
    assert.ok(db.warnings.some((w) => w.includes('$(shell uname -s)')), db.warnings.join('\n'));
    assert.ok(db.warnings.some((w) => w.includes('LOOP refers to itself')), db.warnings.join('\n'));
    assert.ok(db.warnings.some((w) => w.includes('nowhere.mk')), db.warnings.join('\n'));
  });
});

describe('pintos-vm check: shell words', () => {
  it("splits like sh: single quotes keep spaces, double quotes honour \\\", backslash escapes", () => {
    assert.deepEqual(shellWords("pintos -T 360 -m 20  -- -q -f run 'args-dbl-space two  spaces!'"), ['pintos', '-T', '360', '-m', '20', '--', '-q', '-f', 'run', 'args-dbl-space two  spaces!']);
    assert.deepEqual(shellWords('a "b \\"c\\" d" e\\ f \'\''), ['a', 'b "c" d', 'e f', '']);
  });
});
