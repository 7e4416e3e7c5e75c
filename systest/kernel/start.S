/* Kernel entry.  The boot sector (or any loader that honours the same
   contract, see README.md) calls start32 at physical 0x200000 in 32-bit
   protected mode with paging off.  We build boot page tables that map
   the first 512 MiB of physical memory both at 0 and at
   KERNEL_VIRT_BASE with 2 MiB pages, enter long mode, jump to the
   kernel's linked (high) address, clear the BSS and call main(). */

#include "layout.h"

#define PHYS(x)    ((x) - KERNEL_VIRT_BASE)
#define PTE_PW     0x3                  /* present, writable */
#define PTE_PS     0x80                 /* 2 MiB page */
#define MAP_2M_CNT 256                  /* 512 MiB */
#define BOOT_STACK_SIZE 0x4000
#define MSR_EFER   0xc0000080
#define EFER_LME   0x100
#define CR4_PAE    0x20
#define CR0_PE_PG  0x80000001

	.section .entry, "ax"
	.code32
	.globl start32
start32:
	/* Zero the five boot page-table pages. */
	movl $PHYS(boot_pml4), %edi
	movl $5 * 4096 / 4, %ecx
	xorl %eax, %eax
	rep stosl

	movl $PHYS(boot_pdpt_low) + PTE_PW, PHYS(boot_pml4)
	movl $PHYS(boot_pdpt_high) + PTE_PW, PHYS(boot_pml4) + 8
	movl $PHYS(boot_pd_low) + PTE_PW, PHYS(boot_pdpt_low)
	movl $PHYS(boot_pd_high) + PTE_PW, PHYS(boot_pdpt_high)

	/* KERNEL_VIRT_BASE is 64 MiB into the second 512 GiB slot, so its
	   first 2 MiB page is entry 32 of the high page directory. */
	movl $PHYS(boot_pd_low), %esi
	movl $PHYS(boot_pd_high) + 32 * 8, %edi
	movl $PTE_PW | PTE_PS, %eax
	movl $MAP_2M_CNT, %ecx
1:	movl %eax, (%esi)
	movl %eax, (%edi)
	addl $8, %esi
	addl $8, %edi
	addl $0x200000, %eax
	loop 1b

	movl $PHYS(boot_pml4), %eax
	movl %eax, %cr3
	movl %cr4, %eax
	orl $CR4_PAE, %eax
	movl %eax, %cr4
	movl $MSR_EFER, %ecx
	rdmsr
	orl $EFER_LME, %eax
	wrmsr
	movl %cr0, %eax
	orl $CR0_PE_PG, %eax
	movl %eax, %cr0

	lgdt PHYS(boot_gdt_desc)
	ljmp $SEL_KCSEG, $PHYS(start64_low)

	.code64
start64_low:
	movabsq $start64, %rax
	jmp *%rax

	.p2align 3
boot_gdt:
	.quad 0
	/* The accessed bits are preset so that the CPU never writes to
	   the kernel image (the boot disk test compares it with disk). */
	.quad 0x00af9b000000ffff            /* 0x08: 64-bit code */
	.quad 0x00cf93000000ffff            /* 0x10: data */
boot_gdt_desc:
	.word boot_gdt_desc - boot_gdt - 1
	.long PHYS(boot_gdt)

	.section .text
start64:
	movw $SEL_KDSEG, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	xorl %eax, %eax
	movw %ax, %fs
	movw %ax, %gs

	movabsq $_start_bss, %rdi
	movabsq $_end_bss, %rcx
	subq %rdi, %rcx
	rep stosb

	movabsq $boot_stack + BOOT_STACK_SIZE, %rsp
	xorl %ebp, %ebp
	movabsq $main, %rax
	call *%rax
2:	cli
	hlt
	jmp 2b

	.section .bss
	.p2align 12
	.globl boot_stack
boot_stack:
	.space BOOT_STACK_SIZE

	.section .pagetables, "aw", @nobits
	.p2align 12
boot_pml4:	.space 4096
boot_pdpt_low:	.space 4096
boot_pdpt_high:	.space 4096
boot_pd_low:	.space 4096
boot_pd_high:	.space 4096
