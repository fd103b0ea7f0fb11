// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The /dev namespace (kernel world), after drivers/base/devtmpfs.c: the nodes that open(2)
 * resolves, added and removed with the devices that have a device number (vfs/device.c,
 * vfs/misc.c). A node name already taken leaves the first node in place, as devtmpfs
 * does.
 *
 * Each node owns an inode shared by all opens of the node; the inode lives until the node
 * is removed and the last file open on it is released.
 */
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/list.h>
#include "kinternal.h"

struct dev_node {
	struct list_head next;
	char *path;			/* "/dev/..." */
	struct inode *inode;
	struct device *dev;
};

static struct evlsim_mutex nodes_lock = EVLSIM_MUTEX_INITIALIZER;
static LIST_HEAD(nodes);
static int nr_nodes;

int evlsim__node_count(void)
{
	return __atomic_load_n(&nr_nodes, __ATOMIC_ACQUIRE);
}

static struct dev_node *find_node(const char *path)
{
	struct dev_node *n;

	list_for_each_entry(n, &nodes, next)
		if (!strcmp(n->path, path))
			return n;
	return NULL;
}

int evlsim__node_exists(const char *path)
{
	int ret;

	evlsim__mutex_lock(&nodes_lock);
	ret = find_node(path) != NULL;
	evlsim__mutex_unlock(&nodes_lock);
	return ret;
}

void evlsim__node_table_lock(int lock)
{
	if (lock)
		evlsim__mutex_lock(&nodes_lock);
	else
		evlsim__mutex_unlock(&nodes_lock);
}

/* fork(): vfs/fs.c takes the node table lock around it */
void evlsim__nodes_fork_lock(int phase)
{
	if (phase == 0)
		evlsim__mutex_lock(&nodes_lock);
	else
		evlsim__mutex_unlock(&nodes_lock);
}

int evlsim__node_add(const char *name, dev_t devt, umode_t mode, struct device *dev)
{
	char *path = kasprintf(GFP_KERNEL, "/dev/%s", name);
	struct dev_node *n;

	if (!path)
		return -ENOMEM;
	evlsim__mutex_lock(&nodes_lock);
	if (find_node(path)) {
		evlsim__mutex_unlock(&nodes_lock);
		kfree(path);
		return -EEXIST;
	}
	n = evlsim__zalloc(sizeof(*n));
	n->path = path;
	n->dev = dev;
	n->inode = evlsim__new_inode(devt, S_IFCHR | (mode ? mode : 0600));
	list_add_tail(&n->next, &nodes);
	__atomic_add_fetch(&nr_nodes, 1, __ATOMIC_RELEASE);
	evlsim__mutex_unlock(&nodes_lock);
	return 0;
}

void evlsim__node_del(const char *name)
{
	struct dev_node *n;
	char path[256];

	snprintf(path, sizeof(path), "/dev/%s", name);
	evlsim__mutex_lock(&nodes_lock);
	n = find_node(path);
	if (n) {
		list_del(&n->next);
		__atomic_sub_fetch(&nr_nodes, 1, __ATOMIC_RELEASE);
	}
	evlsim__mutex_unlock(&nodes_lock);
	if (n) {
		evlsim__iput(n->inode);
		kfree(n->path);
		evlsim__free(n);
	}
}

bool evlsim__node_devt_in_use(dev_t devt)
{
	struct dev_node *n;
	bool ret = false;

	evlsim__mutex_lock(&nodes_lock);
	list_for_each_entry(n, &nodes, next)
		if (n->inode->i_rdev == devt) {
			ret = true;
			break;
		}
	evlsim__mutex_unlock(&nodes_lock);
	return ret;
}

/* cd_forget() for every node: opens of a node no longer go to the cdev @p. */
void evlsim__nodes_forget_cdev(struct cdev *p)
{
	struct dev_node *n;

	evlsim__mutex_lock(&nodes_lock);
	list_for_each_entry(n, &nodes, next)
		if (__atomic_load_n(&n->inode->i_cdev, __ATOMIC_RELAXED) == p)
			__atomic_store_n(&n->inode->i_cdev, NULL, __ATOMIC_RELEASE);
	evlsim__mutex_unlock(&nodes_lock);
}

struct inode *evlsim__node_lookup(const char *path)
{
	struct inode *inode = NULL;
	struct dev_node *n;

	evlsim__mutex_lock(&nodes_lock);
	n = find_node(path);
	if (n) {
		inode = n->inode;
		evlsim__iget(inode);
	}
	evlsim__mutex_unlock(&nodes_lock);
	return inode;
}
