package eu.localeconomy.membership.followup;

/**
 * Where a prospect of a campaign stands. Each prospect has exactly one stage, so the stages add up to the prospects:
 * <ol>
 *   <li>an order neither cancelled nor fully refunded decides: {@link #PAID} when its status is PAID, else
 *       {@link #ORDERED} (awaiting payment, or partially paid, which includes a paid order partly refunded);</li>
 *   <li>without one, a "not this season" answer makes it {@link #DECLINED} (declined counts apart from the funnel);</li>
 *   <li>otherwise the furthest step reached wins: a basket with lines ({@link #BASKET}), a visit of the campaign page
 *       ({@link #VISITED}), the campaign's invitation mail sent ({@link #INVITED}), else {@link #NOT_INVITED}.</li>
 * </ol>
 * A cancelled or fully refunded order is undone: it counts for nothing, and its prospect falls back to what else it
 * did (its payments and refunds still show, netting to zero, in the payment split).
 */
enum Stage {
    NOT_INVITED, INVITED, VISITED, BASKET, ORDERED, PAID, DECLINED;

    /** The funnel's steps, in order (declined is shown apart). */
    static final java.util.List<Stage> FUNNEL = java.util.List.of(NOT_INVITED, INVITED, VISITED, BASKET, ORDERED, PAID);

    /**
     * The rule above. {@code order}: the status of the prospect's order in the campaign, null when it has none (a
     * cancelled or fully refunded order is passed as what it is and counts for nothing).
     */
    static Stage of(eu.localeconomy.membership.extranet.OrderStatus order, boolean declined, boolean basket,
                    boolean visited, boolean invited) {
        if (order != null && order != eu.localeconomy.membership.extranet.OrderStatus.CANCELLED
                && order != eu.localeconomy.membership.extranet.OrderStatus.REFUNDED) {
            return order == eu.localeconomy.membership.extranet.OrderStatus.PAID ? PAID : ORDERED;
        }
        if (declined) {
            return DECLINED;
        }
        if (basket) {
            return BASKET;
        }
        if (visited) {
            return VISITED;
        }
        return invited ? INVITED : NOT_INVITED;
    }
}
