/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * --seed: frames put on sourceless loopback ports (net_ring) before the
 * worker starts.  They circulate (rx -> copy -> tx -> the peer's rx...)
 * until a control event cancels them or the run ends; then the main lcore
 * drains the rings and checks every frame left, byte by byte.  Seeded frames
 * are chains of up to three segments, so the first hop gathers segments
 * with one copy job each.
 *
 * Frame: Ethernet header (broadcast, ethertype 0x88B5), seq (4 bytes, big
 * endian), then bytes b[i] = seq * 31 + i; length 64 + (seq % 5) * 100.
 */

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <rte_byteorder.h>
#include <rte_ethdev.h>
#include <rte_ether.h>
#include <rte_mbuf.h>

#include "copy_offload.h"

#define SEED_ETHERTYPE	0x88B5		/* IEEE local experimental */
#define SEED_HDR	(RTE_ETHER_HDR_LEN + 4)
#define SEG0_MAX	60
#define SEG1_MAX	150

static uint32_t
seed_len(uint32_t seq)
{
	return 64 + (seq % 5) * 100;
}

static void
seed_bytes(uint32_t seq, const struct rte_ether_addr *src, uint8_t *f, uint32_t len)
{
	struct rte_ether_hdr *eh = (struct rte_ether_hdr *)f;
	uint32_t be = rte_cpu_to_be_32(seq), i;

	memset(&eh->dst_addr, 0xFF, sizeof(eh->dst_addr));
	eh->src_addr = *src;
	eh->ether_type = rte_cpu_to_be_16(SEED_ETHERTYPE);
	memcpy(f + RTE_ETHER_HDR_LEN, &be, sizeof(be));
	for (i = SEED_HDR; i < len; i++)
		f[i] = (uint8_t)(seq * 31 + i);
}

/* One frame as a chain of segments of at most SEG0_MAX, SEG1_MAX, rest. */
static struct rte_mbuf *
seed_frame(struct rte_mempool *mp, uint32_t seq, const struct rte_ether_addr *src)
{
	uint8_t f[RTE_ETHER_MAX_LEN];
	uint32_t len = seed_len(seq), off = 0, k;
	struct rte_mbuf *head = NULL;

	seed_bytes(seq, src, f, len);
	for (k = 0; off < len; k++) {
		uint32_t n = RTE_MIN(len - off, k == 0 ? SEG0_MAX : k == 1 ? SEG1_MAX : len);
		struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
		char *p = m != NULL ? rte_pktmbuf_append(m, (uint16_t)n) : NULL;

		if (p == NULL) {
			rte_pktmbuf_free(m);
			rte_pktmbuf_free(head);
			return NULL;
		}
		memcpy(p, f + off, n);
		off += n;
		if (head == NULL)
			head = m;
		else if (rte_pktmbuf_chain(head, m) != 0) {
			rte_pktmbuf_free(m);
			rte_pktmbuf_free(head);
			return NULL;
		}
	}
	return head;
}

static bool
is_net_ring(uint16_t pid)
{
	struct rte_eth_dev_info info;

	return rte_eth_dev_info_get(pid, &info) == 0 &&
		strcmp(info.driver_name, "net_ring") == 0;
}

int
app_seed_ports(struct app *a)
{
	uint16_t i;

	if (a->opt.seed == 0)
		return 0;
	for (i = 0; i < a->nb_ports; i++) {
		if (!is_net_ring(a->ports[i])) {
			fprintf(stderr, APP_NAME ": --seed needs net_ring ports (port %u is not)\n",
					a->ports[i]);
			return -1;
		}
	}
	for (i = 0; i < a->nb_ports; i++) {
		struct rte_ether_addr mac;
		uint32_t k;

		rte_eth_macaddr_get(a->ports[i], &mac);
		for (k = 0; k < a->opt.seed; k++) {
			uint32_t seq = i * a->opt.seed + k;
			struct rte_mbuf *m = seed_frame(a->rx_pool, seq, &mac);

			if (m == NULL) {
				fprintf(stderr, APP_NAME ": --seed: out of mbufs\n");
				return -1;
			}
			/* net_ring: what port i sends, port i receives */
			if (rte_eth_tx_burst(a->ports[i], 0, &m, 1) != 1) {
				rte_pktmbuf_free(m);
				fprintf(stderr, APP_NAME ": --seed: port %u is full after %u\n",
						a->ports[i], k);
				return -1;
			}
			a->seeded++;
		}
	}
	printf(APP_NAME ": seeded %" PRIu64 " frames of 1-3 segments\n", a->seeded);
	return 0;
}

static bool
frame_intact(const struct rte_mbuf *m)
{
	uint8_t got[RTE_ETHER_MAX_LEN], want[RTE_ETHER_MAX_LEN];
	const struct rte_ether_hdr *eh;
	const uint8_t *p;
	uint32_t seq;

	if (m->pkt_len < SEED_HDR || m->pkt_len > sizeof(got))
		return false;
	p = rte_pktmbuf_read(m, 0, m->pkt_len, got);
	if (p == NULL)
		return false;
	eh = (const struct rte_ether_hdr *)p;
	memcpy(&seq, p + RTE_ETHER_HDR_LEN, sizeof(seq));
	seq = rte_be_to_cpu_32(seq);
	if (seed_len(seq) != m->pkt_len)
		return false;
	seed_bytes(seq, &eh->src_addr, want, m->pkt_len);
	return memcmp(p, want, m->pkt_len) == 0;
}

/* After the worker stopped: take back (and check) what net_ring ports hold. */
void
app_drain_ports(struct app *a)
{
	struct rte_mbuf *m[APP_MAX_BURST];
	uint16_t i, n, k;

	for (i = 0; i < a->nb_ports; i++) {
		if (!is_net_ring(a->ports[i]))
			continue;
		while ((n = rte_eth_rx_burst(a->ports[i], 0, m, APP_MAX_BURST)) > 0) {
			for (k = 0; k < n; k++)
				if (a->opt.seed != 0 && !frame_intact(m[k]))
					a->drained_bad++;
			rte_pktmbuf_free_bulk(m, n);
			a->drained += n;
		}
	}
}
