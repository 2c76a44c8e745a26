# ShopInsight — packaging targets (the app itself needs no build: pip install -e .).
#   make package                 lite edition: dist/shopinsight-lite-<ver>-linux-x86_64.tar.gz + .deb
#   make package FLAVOUR=full    with TensorFlow (the neural-network models)
#   make package-all             both editions
#   make smoke [FLAVOUR=...]     smoke-test the newest built package of the edition
#   make icons                   re-render resources/icons/* from the SVG drawing
#   make clean-package           remove build/ and dist/
PYTHON ?= .venv/bin/python
FLAVOUR ?= lite

.PHONY: package package-all smoke icons clean-package

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

clean-package:
	rm -rf build dist
