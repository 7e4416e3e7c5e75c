/* stddef.h: basic types and macros of the user library. */
#ifndef USERPROGS_STDDEF_H
#define USERPROGS_STDDEF_H

#define NULL ((void *) 0)
#define offsetof(TYPE, MEMBER) __builtin_offsetof (TYPE, MEMBER)

typedef __SIZE_TYPE__ size_t;
typedef __PTRDIFF_TYPE__ ptrdiff_t;

#endif /* stddef.h */
