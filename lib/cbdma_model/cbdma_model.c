/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/* Device lifetime: register file set-up, engine thread, stats, fault mailbox. */

#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>

#include "cbdma_model_priv.h"

#define MODEL_DEFAULT_XFERCAP	20
#define MODEL_PAGE_SIZE		4096

/*
 * Strict, v3.4: the device advertises descriptor prefetch and DRSCTL comes
 * up as Linux's ioatdma leaves it (prefetch on, 2 MiB segments): a driver
 * that wants no prefetch must say so.  RESET does not change DRSCTL.
 */
static void
regs_init_dps(struct cbdma_model *m)
{
	volatile void *r = m->regs;
	unsigned int i;

	cbdma_write32(r, CBDMA_REG_DMACAP, cbdma_read32(r, CBDMA_REG_DMACAP) |
			CBDMA_DMACAP_DPS);
	for (i = 0; i < m->nb_channels; i++)
		cbdma_write16(r, CBDMA_CHAN_OFFSET(i) + CBDMA_CHAN_DRSCTL,
				CBDMA_DRSCTL_DRS_EN | CBDMA_DRSCTL_DRSZ_2MB);
}

static void
regs_init(struct cbdma_model *m, uint8_t version, uint8_t xfercap_log2)
{
	volatile void *r = m->regs;
	unsigned int off;

	/* Whole window to zero, register by register (it may be shared). */
	for (off = 0; off < CBDMA_MODEL_REGS_SIZE; off += 8)
		cbdma_write64(r, off, 0);

	cbdma_write8(r, CBDMA_REG_CHANCNT, (uint8_t)m->nb_channels);
	/* 32 (4 GiB) is encoded as 0, as on silicon. */
	cbdma_write8(r, CBDMA_REG_XFERCAP, xfercap_log2 >= 32 ? 0 : xfercap_log2);
	cbdma_write8(r, CBDMA_REG_CBVER, version);
	cbdma_write32(r, CBDMA_REG_DMACAP, m->fill ? CBDMA_DMACAP_FILL : 0);
	if (m->strict && version >= CBDMA_VER_3_4)
		regs_init_dps(m);
}

static void
model_free(struct cbdma_model *m)
{
	unsigned int i;

	for (i = 0; i < m->nb_channels; i++)
		model_strict_free(&m->chan[i]);
	if (m->regs_owned)
		free(m->regs);
	free(m);
}

static int
engine_start(struct cbdma_model *m)
{
	pthread_attr_t attr;
	int rc;

	rc = pthread_attr_init(&attr);
	if (rc != 0)
		return -rc;
	if (m->engine_cpu >= 0) {
		cpu_set_t set;

		if (m->engine_cpu >= CPU_SETSIZE) {
			pthread_attr_destroy(&attr);
			return -EINVAL;
		}
		CPU_ZERO(&set);
		CPU_SET(m->engine_cpu, &set);
		rc = pthread_attr_setaffinity_np(&attr, sizeof(set), &set);
		if (rc != 0) {
			pthread_attr_destroy(&attr);
			return -rc;
		}
	}
	rc = pthread_create(&m->thread, &attr, model_engine_main, m);
	pthread_attr_destroy(&attr);
	if (rc != 0)
		return -rc;
	/* Best effort: a name is a debugging aid only. */
	pthread_setname_np(m->thread, m->name);
	return 0;
}

int
cbdma_model_create(const struct cbdma_model_config *cfg, struct cbdma_model **out)
{
	struct cbdma_model *m;
	uint8_t xfercap;
	unsigned int i;
	int rc;

	if (cfg == NULL || out == NULL || cfg->mem.translate == NULL ||
			cfg->nb_channels < 1 ||
			cfg->nb_channels > CBDMA_MODEL_MAX_CHANNELS ||
			cfg->xfercap_log2 > 32 ||
			(cfg->silicon != CBDMA_MODEL_SILICON_LENIENT &&
			 cfg->silicon != CBDMA_MODEL_SILICON_STRICT) ||
			((uintptr_t)cfg->regs & (CBDMA_CHAN_BLOCK_SIZE - 1)) != 0)
		return -EINVAL;

	m = calloc(1, sizeof(*m));
	if (m == NULL)
		return -ENOMEM;
	if (cfg->regs != NULL) {
		m->regs = cfg->regs;
	} else {
		m->regs = aligned_alloc(MODEL_PAGE_SIZE, CBDMA_MODEL_REGS_SIZE);
		if (m->regs == NULL) {
			free(m);
			return -ENOMEM;
		}
		m->regs_owned = true;
	}
	m->mem = cfg->mem;
	m->nb_channels = cfg->nb_channels;
	xfercap = cfg->xfercap_log2 ? cfg->xfercap_log2 : MODEL_DEFAULT_XFERCAP;
	m->max_len = 1ull << xfercap;
	m->fill = !cfg->no_fill;
	m->strict = cfg->silicon == CBDMA_MODEL_SILICON_STRICT;
	m->version = cfg->version ? cfg->version :
			m->strict ? CBDMA_VER_3_4 : CBDMA_VER_3_3;
	m->desc_delay_us = cfg->desc_delay_us;
	m->idle_spin_us = cfg->idle_spin_us ? cfg->idle_spin_us : MODEL_IDLE_SPIN_US;
	m->idle_sleep_max_us = cfg->idle_sleep_max_us ?
			cfg->idle_sleep_max_us : MODEL_IDLE_SLEEP_MAX_US;
	m->engine_cpu = cfg->engine_cpu;
	/* pthread names are at most 15 characters. */
	strncpy(m->name, cfg->name ? cfg->name : "cbdma-model", sizeof(m->name) - 1);

	regs_init(m, m->version, xfercap);
	for (i = 0; i < m->nb_channels; i++) {
		struct model_chan *ch = &m->chan[i];

		ch->m = m;
		ch->id = i;
		ch->regs = (volatile uint8_t *)m->regs + CBDMA_CHAN_OFFSET(i);
		if (m->strict && model_strict_init(ch) != 0) {
			model_free(m);
			return -ENOMEM;
		}
		model_chan_init(ch);
	}

	/* pthread_create orders all of the above before the engine's first poll. */
	rc = engine_start(m);
	if (rc != 0) {
		model_free(m);
		return rc;
	}
	*out = m;
	return 0;
}

void
cbdma_model_destroy(struct cbdma_model *m)
{
	unsigned int i;

	if (m == NULL)
		return;
	/* Pairs with the acquire load at the top of the engine loop. */
	__atomic_store_n(&m->stop, true, __ATOMIC_RELEASE);
	pthread_join(m->thread, NULL);
	for (i = 0; i < m->nb_channels; i++)
		free(__atomic_exchange_n(&m->chan[i].mbox, NULL, __ATOMIC_ACQUIRE));
	model_free(m);
}

volatile void *
cbdma_model_regs(const struct cbdma_model *m)
{
	return m->regs;
}

unsigned int
cbdma_model_nb_channels(const struct cbdma_model *m)
{
	return m->nb_channels;
}

int
cbdma_model_silicon_parse(const char *s, enum cbdma_model_silicon *out)
{
	if (s != NULL && strcmp(s, "lenient") == 0)
		*out = CBDMA_MODEL_SILICON_LENIENT;
	else if (s != NULL && strcmp(s, "strict") == 0)
		*out = CBDMA_MODEL_SILICON_STRICT;
	else
		return -EINVAL;
	return 0;
}

const char *
cbdma_model_silicon_name(enum cbdma_model_silicon s)
{
	return s == CBDMA_MODEL_SILICON_STRICT ? "strict" : "lenient";
}

#define LOAD_STAT(f) (st->f = __atomic_load_n(&s->f, __ATOMIC_RELAXED))

int
cbdma_model_stats(const struct cbdma_model *m, unsigned int chan,
		struct cbdma_model_stats *st)
{
	const struct cbdma_model_stats *s;

	if (m == NULL || st == NULL || chan >= m->nb_channels)
		return -EINVAL;
	s = &m->chan[chan].stats;
	LOAD_STAT(descs);
	LOAD_STAT(bytes);
	LOAD_STAT(errors);
	LOAD_STAT(suspends);
	LOAD_STAT(resumes);
	LOAD_STAT(cmds);
	LOAD_STAT(cmds_ignored);
	LOAD_STAT(aborts);
	LOAD_STAT(resets);
	LOAD_STAT(faults);
	st->polls_idle = __atomic_load_n(&m->polls_idle, __ATOMIC_RELAXED);
	return 0;
}

int
cbdma_model_inject(struct cbdma_model *m, unsigned int chan,
		enum cbdma_model_fault fault, uint64_t desc_iova, uint64_t param)
{
	struct model_fault *f, *old;

	if (m == NULL || chan >= m->nb_channels || fault < CBDMA_FAULT_NONE ||
			fault > CBDMA_FAULT_HOLD)
		return -EINVAL;
	f = malloc(sizeof(*f));
	if (f == NULL)
		return -ENOMEM;
	f->kind = fault;
	f->desc_iova = desc_iova;
	f->param = param;
	/*
	 * Ownership hand-over: release publishes *f to the engine's acquire
	 * exchange (model_chan_poll).  A fault the engine has not taken yet
	 * comes back to us and is superseded; acquire makes its contents ours.
	 */
	old = __atomic_exchange_n(&m->chan[chan].mbox, f, __ATOMIC_ACQ_REL);
	free(old);
	return 0;
}
