# ShopInsight — packaging targets (the app itself needs no build: pip install -e .).
#   make package                 lite edition: dist/shopinsight-lite-<ver>-linux-x86_64.tar.gz + .deb
#   make package FLAVOUR=full    with TensorFlow (the neural-network models)
#   make package-all             both editions
#   make smoke [FLAVOUR=...]     smoke-test the newest built package of the edition
#   make icons                   re-render resources/icons/* from the SVG drawing
#   make screenshots             regenerate docs/screenshots/ (the README's) from the sample shop via the
#                                app's screenshot mode (SCREENSHOT_ARGS=--keep-shop reuses build/screenshots/)
#   make clean-package           remove build/ and dist/
PYTHON ?= .venv/bin/python
FLAVOUR ?= lite

.PHONY: package package-all smoke icons screenshots clean-package

# the venv is created (or reused) here, so `make package` works from a fresh clone
$(PYTHON):
	python3 -m venv $(patsubst %/bin/python,%,$(PYTHON))
	$(PYTHON) -m pip install -q -e .

package: $(PYTHON)
	$(PYTHON) -c "import PyInstaller" 2>/dev/null || $(PYTHON) -m pip install -q -e ".[package]"
	PYTHON=$(PYTHON) packaging/build_linux.sh $(FLAVOUR)

package-all:
	$(MAKE) package FLAVOUR=lite
	$(MAKE) package FLAVOUR=full

smoke:
	python3 packaging/smoke_test.py --flavour $(FLAVOUR)

icons: $(PYTHON)
	$(PYTHON) packaging/make_icons.py

screenshots: $(PYTHON)
	$(PYTHON) tools/make_screenshots.py $(SCREENSHOT_ARGS)

clean-package:
	rm -rf build dist
