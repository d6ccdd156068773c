/*
 * presets.c - the shipped talent pools. docs/pools.md gives each one's
 * definition and where its ids come from; keep the two in step.
 */
#include "talentflow/pools.h"

/*
 * The proceedings of NeurIPS, ICML, ICLR, AAAI, IJCAI, CVPR, ICCV, ECCV,
 * ACL, EMNLP, NAACL and KDD under the OpenAlex source ids, ISSN-Ls and
 * display names they appear with across years; docs/pools.md lists which
 * conference each belongs to and where it was seen. Names are compared
 * normalised, so "2019 IEEE/CVF Conference on ... (CVPR)" and the 2022 one
 * are one name. Sources that hold many conferences (Lecture Notes in
 * Computer Science, Proceedings of Machine Learning Research) and the
 * Findings volumes are left out.
 */
#define AI_TOP_VENUES                                                                              \
    "venue: S4306420609, S4363606243, S4393916742, S4306419644, S4306419637, S4210191458,"         \
    " S4306420577, S4306419999, S4363608755, S4306417987, S4363607701, S4363607795,"               \
    " S4363607764, S4306419272, S4306418318, S4306420508, S4363608652, S4306418267,"               \
    " S4363608991, S4306420633, S4363608774, S4306420424, S4363608767;"                            \
    "venue: 1049-5258, 2159-5399;"                                                                 \
    "venue-name: Neural Information Processing Systems;"                                           \
    "venue-name: Advances in Neural Information Processing Systems;"                               \
    "venue-name: International Conference on Machine Learning;"                                    \
    "venue-name: International Conference on Learning Representations;"                            \
    "venue-name: Proceedings of the AAAI Conference on Artificial Intelligence;"                   \
    "venue-name: AAAI Conference on Artificial Intelligence;"                                      \
    "venue-name: National Conference on Artificial Intelligence;"                                  \
    "venue-name: International Joint Conference on Artificial Intelligence;"                       \
    "venue-name: Computer Vision and Pattern Recognition;"                                         \
    "venue-name: IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR);"           \
    "venue-name: IEEE Conference on Computer Vision and Pattern Recognition;"                      \
    "venue-name: IEEE/CVF International Conference on Computer Vision (ICCV);"                     \
    "venue-name: IEEE/CVF International Conference on Computer Vision;"                            \
    "venue-name: International Conference on Computer Vision;"                                     \
    "venue-name: IEEE International Conference on Computer Vision;"                                \
    "venue-name: European Conference on Computer Vision;"                                          \
    "venue-name: Meeting of the Association for Computational Linguistics;"                        \
    "venue-name: Annual Meeting of the Association for Computational Linguistics;"                 \
    "venue-name: Proceedings of the Annual Meeting of the Association for Computational "          \
    "Linguistics;"                                                                                 \
    "venue-name: Empirical Methods in Natural Language Processing;"                                \
    "venue-name: North American Chapter of the Association for Computational Linguistics;"         \
    "venue-name: Knowledge Discovery and Data Mining"

static const struct tf_pool_preset presets[] = {
    {"ai", "works in the subfield 1702 (AI) or on the AI / ML concepts",
     "subfield: 1702; concept: C154945302, C119857082; concept-min-score: 0.4"},
    {"ai-top-venues", "works at the twelve top AI conferences (docs/pools.md)", AI_TOP_VENUES},
    {"top-cited", "a work in the top 10 % of its year by citations", "top-cited: 10"},
    {"ai-top", "top-tier AI: 2 or more works at the twelve top AI conferences",
     AI_TOP_VENUES "; min-works: 2"},
};

const struct tf_pool_preset *tf_pool_presets(size_t *n)
{
    *n = sizeof(presets) / sizeof(presets[0]);
    return presets;
}
