"""Chinese texts of recommend's memory bound (issue 16) for tools/update_core_catalog.py."""
CORE = {
    "{model} works on the {n} most bought of {total} products (a memory bound); the other products are ranked by "
    "the other models of the blend or by popularity.":
        "{model} 只用购买最多的 {n} 种商品（共 {total} 种；内存上限）；其余商品由组合中的其他模型或按热门程度排序。",
    "{model} works on the {n} most bought of {total} products (a memory bound); it recommends none of the others.":
        "{model} 只用购买最多的 {n} 种商品（共 {total} 种；内存上限）；其余商品它不推荐。",
}
