// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Device-managed interrupts (kernel world), after kernel/irq/devres.c:
 * devm_request_threaded_irq(), devm_request_any_context_irq(), devm_free_irq().
 *
 * With the device resource manager of the platform bus (<linux/device/devres.h>), a
 * devm line is a devres released with its device, as in the kernel. Without it, a
 * stand-in keeps the action marked as device-managed and frees it quietly when its module
 * is unloaded (before the leak report), which is when a bus would unbind the device.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include "irq-internal.h"

#if __has_include(<linux/device/devres.h>)
#include <linux/device/devres.h>

struct irq_devres {
	unsigned int irq;
	void *dev_id;
};

static void devm_irq_release(struct device *dev, void *res)
{
	struct irq_devres *this = res;

	free_irq(this->irq, this->dev_id);
}

static int devm_irq_match(struct device *dev, void *res, void *data)
{
	struct irq_devres *this = res, *match = data;

	return this->irq == match->irq && this->dev_id == match->dev_id;
}

static int devm_request(struct device *dev, unsigned int irq, irq_handler_t handler,
			irq_handler_t thread_fn, unsigned long irqflags, const char *devname,
			void *dev_id, const void *caller)
{
	struct irq_devres *dr;
	int rc;

	dr = devres_alloc(devm_irq_release, sizeof(struct irq_devres), GFP_KERNEL);
	if (!dr)
		return -ENOMEM;
	if (!devname)
		devname = dev_name(dev);
	rc = evlsim__irq_request(irq, handler, thread_fn, irqflags, devname, dev_id, true,
				 caller);
	if (rc) {
		devres_free(dr);
		return rc;
	}
	dr->irq = irq;
	dr->dev_id = dev_id;
	devres_add(dev, dr);
	return 0;
}

void devm_free_irq(struct device *dev, unsigned int irq, void *dev_id)
{
	struct irq_devres match_data = { irq, dev_id };

	WARN_ON(devres_release(dev, devm_irq_release, devm_irq_match, &match_data));
}

/* the bus unbinds the devices of a module before it is unloaded: nothing left here */
void evlsim__irq_devres_leftovers(struct module *mod)
{
}

#else /* no devres yet: the stand-in */

static int devm_request(struct device *dev, unsigned int irq, irq_handler_t handler,
			irq_handler_t thread_fn, unsigned long irqflags, const char *devname,
			void *dev_id, const void *caller)
{
	if (!devname)
		devname = dev ? dev_name(dev) : NULL;
	return evlsim__irq_request(irq, handler, thread_fn, irqflags, devname, dev_id, true,
				   caller);
}

void devm_free_irq(struct device *dev, unsigned int irq, void *dev_id)
{
	struct evlsim_irq_line *l = evlsim__irq_line(irq);
	struct irqaction *action = NULL;

	if (l) {
		line_lock(l);
		for (action = l->action; action; action = action->next)
			if (action->dev_id == dev_id && to_sim(action)->devm)
				break;
		line_unlock(l);
	}
	if (WARN_ON(!action))	/* devres_release(): -ENOENT */
		return;
	free_irq(irq, dev_id);
}

void evlsim__irq_devres_leftovers(struct module *mod)
{
	struct irqaction *action;
	unsigned int irq;

	while ((action = evlsim__irq_find_owned(mod, true, &irq)) != NULL) {
		evlsim__unchecked_begin();
		free_irq(irq, action->dev_id);
		evlsim__unchecked_end();
	}
}

#endif

/**
 * devm_request_threaded_irq - allocate an interrupt line for a managed device
 *
 * request_threaded_irq(), the line freed with @dev (@devname NULL: dev_name(@dev)). Same
 * results. In-band, may sleep.
 */
noinline int (devm_request_threaded_irq)(struct device *dev, unsigned int irq,
					 irq_handler_t handler, irq_handler_t thread_fn,
					 unsigned long irqflags, const char *devname,
					 void *dev_id)
{
	evlsim__check_service(EVLSIM_SVC_request_irq);
	return devm_request(dev, irq, handler, thread_fn, irqflags, devname, dev_id,
			    __builtin_return_address(0));
}

int (devm_request_any_context_irq)(struct device *dev, unsigned int irq,
				   irq_handler_t handler, unsigned long irqflags,
				   const char *devname, void *dev_id)
{
	evlsim__check_service(EVLSIM_SVC_request_irq);
	int rc;

	rc = devm_request(dev, irq, handler, NULL, irqflags | IRQF_COND_ONESHOT, devname,
			  dev_id, __builtin_return_address(0));
	return rc ? rc : IRQC_IS_HARDIRQ;
}
