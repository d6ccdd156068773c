# Reference estimates for `talentflow fit` from R's glm with the quasipoisson
# family, on the completed panels written by statsmodels_ppml.py.
#
# quasipoisson gives the Poisson pseudo-maximum likelihood point estimates;
# its own standard errors scale the model-based ones by a dispersion, which
# is not what talentflow reports, so the sandwiches are computed here from
# the model matrix, the fitted means and the residuals, each with its
# small-sample factor written out.
#
# usage: Rscript glm_quasipoisson.R DIR     (DIR holds panel_od.csv, panel_oydy.csv;
#                                            expected_r.csv is written there)
# Needs only r-base-core.

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 1) stop("usage: Rscript glm_quasipoisson.R DIR")
dir <- args[1]

terms <- list(
  od = c(push_log_stock = "push:log(stock)", push_log_gdp = "push:log(gdp_per_capita)",
         push_log_pop = "push:log(population)", pull_log_stock = "pull:log(stock)",
         pull_log_gdp = "pull:log(gdp_per_capita)", pull_log_pop = "pull:log(population)",
         dyad_log_dist = "dyad:log(distance)"),
  oydy = c(dyad_log_dist = "dyad:log(distance)")
)
effects <- list(
  od = "factor(origin) + factor(destination) + factor(year)",
  oydy = "factor(oy) + dy"
)

# Origin-year and destination-year effects share one redundancy per year; glm's
# QR does not always see it under very uneven weights, and then oscillates. So
# the first destination of each year joins the reference level explicitly.
by_year_levels <- function(panel) {
  panel$oy <- paste(panel$origin, panel$year)
  first <- tapply(panel$destination, panel$year, min)
  dy <- paste(panel$destination, panel$year)
  dy[panel$destination == first[as.character(panel$year)]] <- "base"
  panel$dy <- relevel(factor(dy), ref = "base")
  panel
}

fit_spec <- function(spec) {
  # "NA" is Namibia, not a missing value
  panel <- read.csv(file.path(dir, paste0("panel_", spec, ".csv")), na.strings = character(0))
  if (spec == "oydy") panel <- by_year_levels(panel)
  cols <- names(terms[[spec]])
  f <- as.formula(paste("flow ~", paste(cols, collapse = " + "), "+", effects[[spec]]))
  fit <- glm(f, family = quasipoisson(link = "log"), data = panel,
             control = glm.control(epsilon = 1e-12, maxit = 200))
  if (!fit$converged) stop(spec, ": glm did not converge")
  keep <- !is.na(coef(fit))
  x <- model.matrix(fit)[, keep, drop = FALSE]
  mu <- fitted(fit)
  e <- panel$flow - mu
  n <- nrow(x)
  k <- ncol(x)
  hinv <- solve(crossprod(x * sqrt(mu)))
  score <- x * e
  hc0 <- hinv %*% crossprod(score) %*% hinv
  sums <- rowsum(score, paste(panel$origin, panel$destination))
  g <- nrow(sums)
  cl <- hinv %*% crossprod(sums) %*% hinv
  idx <- match(cols, colnames(x))
  data.frame(
    spec = spec,
    term = unname(terms[[spec]]),
    estimate = unname(coef(fit)[cols]),
    se_hc0 = sqrt(diag(hc0)[idx]),
    se_hc1 = sqrt(diag(hc0)[idx] * n / (n - k)),
    se_cluster = sqrt(diag(cl)[idx] * g / (g - 1) * (n - 1) / (n - k))
  )
}

out <- do.call(rbind, lapply(names(terms), fit_spec))
num <- sapply(out, is.numeric)
out[num] <- lapply(out[num], function(v) sprintf("%.17g", v))
write.csv(out, file.path(dir, "expected_r.csv"), row.names = FALSE, quote = FALSE)
