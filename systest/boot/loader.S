/* Boot sector of the test kernel's boot disk (sector 0 of os.dsk).

   The BIOS loads it at 0x7c00 and jumps to it in 16-bit real mode.  It
   follows the Pintos-KAIST boot protocol, so a kernel built for that
   protocol can be booted from it and our kernel can be booted by the
   protocol's own loader:

     1. enables the A20 line through the keyboard controller,
     2. stores the BIOS e820 memory map at 0x7000 (multiboot-like block),
     3. switches to 32-bit protected mode with a flat GDT,
     4. reads KERNEL_SECTORS sectors, starting at LBA 1 of the primary
        master disk, to physical 0x200000 with ATA PIO (polled, device
        interrupts disabled through nIEN),
     5. calls 0x200000 with %eax = 0x200000.

   Bytes 0x17a-0x1fd hold the kernel command line, written by the disk
   builder; the code never reads them.  README.md documents the exact
   machine state at the kernel's entry. */

#include "../kernel/layout.h"

#define E820_MAGIC 0x534d4150          /* "SMAP" */
#define ATA_DATA   0x1f0
#define ATA_COUNT  0x1f2
#define ATA_STATUS 0x1f7
#define ATA_CTRL   0x3f6

	.section .text
	.globl boot_start
	.code16
boot_start:
	cli
	cld
	xorw %ax, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	movw $BOOT_SECTOR_BASE, %sp

/* A20: write 0xdf to the controller's output port (command 0xd1). */
	call kbc_drain
	movb $0xd1, %al
	outb %al, $0x64
	call kbc_drain
	movb $0xdf, %al
	outb %al, $0x60
	call kbc_drain

/* e820: each 24-byte record is {u32 size, u64 base, u64 length, u32 type};
   the BIOS fills the last 20 bytes and we store the size it returned
   in front of them. */
	movl $MB_MMAP_ENTRIES + 4, %edi
	xorl %ebx, %ebx
	xorl %ebp, %ebp
e820_loop:
	movl $0xe820, %eax
	movl $24, %ecx
	movl $E820_MAGIC, %edx
	int $0x15
	jc e820_end
	cmpl $E820_MAGIC, %eax
	jne e820_end
	movl %ecx, -4(%edi)
	addl $24, %edi
	addl $24, %ebp
	testl %ebx, %ebx
	jnz e820_loop
e820_end:
	testl %ebp, %ebp
	jz boot_fail
	movl $MB_FLAG_MMAP, MB_FLAGS
	movl %ebp, MB_MMAP_LEN
	movl $MB_MMAP_ENTRIES, MB_MMAP_ADDR

/* Protected mode. */
	lgdtl gdt_desc
	movl %cr0, %eax
	orl $1, %eax
	movl %eax, %cr0
	ljmpl $SEL_KCSEG, $protected

/* Waits until the keyboard controller's input buffer is empty. */
kbc_drain:
	inb $0x64, %al
	testb $2, %al
	jnz kbc_drain
	ret

/* Reports a boot failure on COM1 and stops. */
boot_fail:
	movw $fail_msg, %si
1:	lodsb
	testb %al, %al
	jz 2f
	movw $0x3f8, %dx
	outb %al, %dx
	jmp 1b
2:	hlt
	jmp 2b

	.code32
protected:
	movw $SEL_KDSEG, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %fs
	movw %ax, %gs
	movw %ax, %ss
	movl $BOOT_STACK_TOP, %esp

	movw $ATA_CTRL, %dx             /* nIEN: no interrupts from the disk */
	movb $2, %al
	outb %al, %dx

	movl $1, %ebx                   /* next LBA */
	movl $KERNEL_PHYS, %edi
next_sector:
	movw $ATA_STATUS, %dx
1:	inb %dx, %al                    /* wait while BSY */
	testb $0x80, %al
	jnz 1b
	movw $ATA_COUNT, %dx
	movb $1, %al
	outb %al, %dx
	movl %ebx, %eax                 /* LBA bits 0-27, LBA mode, device 0 */
	andl $0x0fffffff, %eax
	orl $0xe0000000, %eax
	movl $4, %ecx
2:	incw %dx
	outb %al, %dx
	shrl $8, %eax
	loop 2b
	incw %dx                        /* 0x1f7: READ SECTORS */
	movb $0x20, %al
	outb %al, %dx
3:	inb %dx, %al
	testb $0x80, %al
	jnz 3b
	testb $0x08, %al                /* DRQ */
	jz 3b
	movl $256, %ecx
	movw $ATA_DATA, %dx
	rep insw
	incl %ebx
	cmpl $KERNEL_SECTORS + 1, %ebx
	jne next_sector

	movl $KERNEL_PHYS, %eax
	call *%eax
4:	hlt
	jmp 4b

	.p2align 3
gdt:
	.quad 0                         /* null */
	.quad 0x00cf9a000000ffff        /* 0x08: 32-bit code, base 0, 4 GiB */
	.quad 0x00cf92000000ffff        /* 0x10: data, base 0, 4 GiB */
gdt_desc:
	.word gdt_desc - gdt - 1
	.long gdt

fail_msg:
	.asciz "boot: no e820 memory map\r\n"

/* Command line, filled in by the disk builder. */
	.org CMDLINE_ARGC - BOOT_SECTOR_BASE
	.long 0
	.org CMDLINE_ARGS - BOOT_SECTOR_BASE
	.fill CMDLINE_ARGS_LEN, 1, 0
	.org CMDLINE_SIG - BOOT_SECTOR_BASE
	.word 0xaa55
