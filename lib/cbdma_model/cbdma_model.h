/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * A software model of a CBDMA v3 device: a register file laid out as the
 * PCI BAR (cbdma_hw.h) and one engine thread that polls it and executes
 * descriptors it reads by IOVA.  The model knows nothing of the driver: a
 * driver finds the register window with cbdma_model_regs() and from then on
 * talks to it only through registers and IOVA memory, as it would to silicon.
 *
 * Deviations forced by a memory-backed register file (documented in
 * doc/device-model.md):
 *  - CHANCMD reads 0 once the engine has taken the command;
 *  - CHAINADDR reads 0 once the engine has latched it (so writing the same
 *    address twice still re-arms);
 *  - while error bits are latched, CHANERR also shows CBDMA_MODEL_CHANERR_MIRROR;
 *    a write of any value without that bit clears the written bits
 *    (write-1-to-clear), as a driver that writes back only the defined bits
 *    (read & CBDMA_ERR_ALL) does on silicon.
 *
 * The silicon profile (cfg->silicon) chooses how the model behaves where
 * silicon's behaviour is not known: LENIENT (the default) is the model as
 * it always was; STRICT takes, for each unverified behaviour, its least
 * helpful plausible form (doc/device-model.md, "Silicon profiles"): CHANCMD
 * does not self-clear, no completion word on SUSPEND, SUSPEND or RESUME in
 * a state that may refuse it is a command error that halts, descriptors are
 * prefetched (v3.4, as DRSCTL allows) and kept across SUSPEND/RESUME, and an
 * unfenced descriptor's writes land only after the next one's reads.
 */

#ifndef CBDMA_MODEL_H
#define CBDMA_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CBDMA_MODEL_MAX_CHANNELS	16
#define CBDMA_MODEL_CHANERR_MIRROR	0x80000000u
/*
 * Strict profile: CHANCMD keeps the command bits as written; the model sets
 * this reserved bit when it takes the command, and any new driver write
 * (without it) is a new command, the same value included.  A model
 * artefact: a driver masks CHANCMD with the command bits and never waits on
 * this bit (it is set when the command is taken, before its effects).
 */
#define CBDMA_MODEL_CHANCMD_TAKEN	0x80u
/* Bytes of register file for n channels, rounded up to a 4 KiB page. */
#define CBDMA_MODEL_REGS_SIZE		4096

/*
 * IOVA memory: translate [iova, iova + len) to a host pointer, or NULL when
 * any byte of it is not mapped.  Called only from the engine thread.
 */
struct cbdma_model_mem {
	void *(*translate)(void *ctx, uint64_t iova, uint64_t len);
	void *ctx;
};

/* How the model behaves where silicon's behaviour is unverified. */
enum cbdma_model_silicon {
	CBDMA_MODEL_SILICON_LENIENT = 0,	/* the model as it always was (default) */
	CBDMA_MODEL_SILICON_STRICT,		/* each unverified behaviour at its harshest */
};

struct cbdma_model_config {
	unsigned int nb_channels;	/* 1..CBDMA_MODEL_MAX_CHANNELS */
	/* CBVER; 0 = the profile's default: CBDMA_VER_3_3 lenient, CBDMA_VER_3_4 strict */
	uint8_t version;
	uint8_t xfercap_log2;		/* XFERCAP, default 20 (1 MiB) when 0 */
	bool no_fill;			/* clear DMACAP fill bit */
	int engine_cpu;			/* pin the engine thread; -1 = no pinning */
	uint32_t desc_delay_us;		/* sleep before each descriptor (tests) */
	uint32_t idle_spin_us;		/* busy-poll this long before sleeping; 0 = default */
	uint32_t idle_sleep_max_us;	/* longest idle sleep; 0 = default (50 us) */
	/*
	 * Register file to serve; NULL = the model allocates one of
	 * CBDMA_MODEL_REGS_SIZE bytes.  A caller-provided window (a shared BAR
	 * file) must be at least CBDMA_MODEL_REGS_SIZE bytes and 128-byte
	 * aligned; create zeroes it and writes the reset values.
	 */
	void *regs;
	struct cbdma_model_mem mem;
	const char *name;		/* engine thread name, optional */
	enum cbdma_model_silicon silicon;	/* 0 = lenient */
};

struct cbdma_model;

/* Create the device and start its engine thread.  Returns 0 or -errno. */
int cbdma_model_create(const struct cbdma_model_config *cfg, struct cbdma_model **out);
/* Stop the engine thread and free the device (NULL is fine). */
void cbdma_model_destroy(struct cbdma_model *m);
/* The register window: device registers at 0, channel n at CBDMA_CHAN_OFFSET(n). */
volatile void *cbdma_model_regs(const struct cbdma_model *m);

/* Counters for tests and status lines. */
struct cbdma_model_stats {
	uint64_t descs;		/* descriptors executed (null ones included) */
	uint64_t bytes;		/* bytes copied or filled */
	uint64_t errors;	/* halts caused by an error */
	uint64_t suspends;
	uint64_t resumes;
	uint64_t polls_idle;	/* idle sleeps of the engine (device-wide) */
	/* Added after the first draft of this header: */
	uint64_t cmds;		/* CHANCMD values taken */
	uint64_t cmds_ignored;	/* commands with no effect (RESUME when not suspended...) */
	uint64_t aborts;
	uint64_t resets;
	uint64_t faults;	/* injected faults that fired */
};
/* Returns 0, or -EINVAL for a NULL model or a channel out of range. */
int cbdma_model_stats(const struct cbdma_model *m, unsigned int chan,
		struct cbdma_model_stats *st);
/* Number of channels the device was created with. */
unsigned int cbdma_model_nb_channels(const struct cbdma_model *m);

/* "lenient" / "strict" to the profile: 0, or -EINVAL for anything else. */
int cbdma_model_silicon_parse(const char *s, enum cbdma_model_silicon *out);
/* The profile's name ("lenient", "strict"). */
const char *cbdma_model_silicon_name(enum cbdma_model_silicon s);

/* ---- Fault injection (driven by tests) ---- */
enum cbdma_model_fault {
	CBDMA_FAULT_NONE = 0,
	CBDMA_FAULT_SRC_ADDR,		/* CHANERR SRC_ADDR */
	CBDMA_FAULT_DEST_ADDR,		/* CHANERR DEST_ADDR */
	CBDMA_FAULT_NEXT_ADDR,		/* CHANERR NEXT_ADDR */
	CBDMA_FAULT_DESC_ALIGN,		/* CHANERR NEXT_DESC_ALIGN */
	CBDMA_FAULT_LENGTH,		/* CHANERR LENGTH */
	CBDMA_FAULT_READ_DATA,		/* CHANERR READ_DATA */
	CBDMA_FAULT_WRITE_DATA,		/* CHANERR WRITE_DATA */
	CBDMA_FAULT_COMPLETION_ADDR,	/* CHANERR COMPLETION_ADDR */
	CBDMA_FAULT_HANG,		/* never finish the descriptor until cleared */
	CBDMA_FAULT_STALL,		/* stall param microseconds, then go on */
	CBDMA_FAULT_SPURIOUS_CHANERR,	/* set CHANERR bits (param) without halting */
	CBDMA_FAULT_HOLD,		/* fetch no descriptor until cleared; commands and
					 * chain addresses are still taken (a starved engine) */
};
/*
 * Arm a fault on channel chan: it fires when the engine reaches the
 * descriptor at IOVA desc_iova (0 = the next descriptor it executes), once.
 * CBDMA_FAULT_NONE clears an armed fault and releases a hang.  For the
 * error faults (SRC_ADDR .. WRITE_DATA) param is a delay in microseconds
 * between CHANSTS showing HALTED and the halt completion word (0: none).
 */
/*
 * Arming a new fault replaces one not yet fired and releases a hang.
 * Returns 0, -EINVAL (bad channel or fault) or -ENOMEM.  Thread-safe.
 */
int cbdma_model_inject(struct cbdma_model *m, unsigned int chan,
		enum cbdma_model_fault fault, uint64_t desc_iova, uint64_t param);

/* ---- IOVA backends ---- */

/* Flat table of ranges (unit tests, shared RAM file). Not thread-safe to
 * add ranges while the engine runs.  IOVA 0 never translates.
 * cbdma_model_flat_mem_add returns 0, -EINVAL (len 0, wrap-around, NULL),
 * -EEXIST (overlaps a range already added) or -ENOMEM. */
struct cbdma_model_flat_mem;
struct cbdma_model_flat_mem *cbdma_model_flat_mem_create(void);
int cbdma_model_flat_mem_add(struct cbdma_model_flat_mem *fm, uint64_t iova, void *va,
		uint64_t len);
void cbdma_model_flat_mem_destroy(struct cbdma_model_flat_mem *fm);
struct cbdma_model_mem cbdma_model_flat_mem_ops(struct cbdma_model_flat_mem *fm);

#ifdef __cplusplus
}
#endif

#endif /* CBDMA_MODEL_H */
