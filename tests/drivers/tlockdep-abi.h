/* SPDX-License-Identifier: MIT */
/*
 * tlockdep's entry points, for the lock dependency suite (tests/unit/check_lockdep.c);
 * shared by the driver (kernel world) and the test (user world): plain C, no header.
 * Each takes locks in one order or breaks one rule of the validator, then releases all.
 */
#ifndef _TLOCKDEP_ABI_H
#define _TLOCKDEP_ABI_H

int tlockdep_recursive_spin(void);	/* one spinlock_t taken twice */
int tlockdep_recursive_hard(void);	/* one hard_spinlock_t taken twice */
int tlockdep_recursive_mutex(void);	/* one mutex taken twice */
int tlockdep_order_ab(void);		/* lock_a, then lock_b inside */
int tlockdep_order_ba(void);		/* lock_b, then lock_a inside */
int tlockdep_order_bc(void);		/* lock_b, then lock_c */
int tlockdep_order_ca(void);		/* lock_c, then lock_a: closes a -> b -> c -> a */
int tlockdep_order_mutex_sem(void);	/* mutex, then down() of a semaphore: legal */
int tlockdep_nested_classes(void);	/* two locks of one class, one inside the other */
int tlockdep_irq_lock_irqs_on(void);	/* the timer's hard lock, raw_spin_lock() */
int tlockdep_irq_lock_irqsave(void);	/* the timer's lock, with raw_spin_lock_irqsave() */
int tlockdep_timer_fire(int safe);	/* arms the timer whose handler takes a lock */
int tlockdep_timer_runs(void);		/* how many times the handler ran */
int tlockdep_dev_request(unsigned int irq, int safe);	/* in-band handler on @irq */
void tlockdep_dev_free(unsigned int irq);
int tlockdep_dev_irqs(void);		/* how many times it ran */
int tlockdep_dev_lock_irqs_on(void);	/* the handler's spinlock_t, spin_lock() */
int tlockdep_dev_lock_irqsave(void);	/* the safe one, spin_lock_irqsave() */

#endif
